//! The partner organisation's profile (`GET /v1/profiles/organization`, App+User only): its
//! `companyName` names an account the moment someone signs in.

use reqwest::Method;
use serde_json::Value;
use uuid::Uuid;

use crate::error::{ClientError, ErrorKind, Phase};
use crate::http::{Call, Client};

impl Client {
    /// The organisation's name, as Partner Center has it (`None` when the profile has none).
    pub async fn organization_name(&self, call: &Call) -> Result<Option<String>, ClientError> {
        let url = self.url("/v1/profiles/organization")?;
        let a = self.execute(Method::GET, url, None, call, Uuid::new_v4()).await?;
        let body = a.body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&a.body);
        let v: Value = serde_json::from_slice(body).map_err(|_| {
            ClientError::new(
                ErrorKind::BadResponse,
                Phase::Parse,
                "Partner Center's organisation profile could not be read.",
            )
        })?;
        Ok(v.get("companyName")
            .and_then(Value::as_str)
            .map(|n| n.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string())
            .filter(|n| !n.is_empty()))
    }
}
