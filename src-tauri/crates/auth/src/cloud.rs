//! The Partner Center clouds and their endpoints (spec section 1). Custom is how tests and demo
//! mode point the real sign-in and the real client at the simulator.

use serde::{Deserialize, Serialize};

pub const PARTNER_CENTER_RESOURCE: &str = "https://api.partnercenter.microsoft.com";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Cloud {
    Global,
    /// Partner Center operated by 21Vianet.
    China,
    UsGovernment,
    Custom {
        authority_url: String,
        api_url: String,
    },
}

impl Cloud {
    pub fn authority_url(&self) -> &str {
        match self {
            Cloud::Global => "https://login.microsoftonline.com",
            // Microsoft Entra's current national-cloud page names this host for 21Vianet; older
            // tools used login.chinacloudapi.cn (docs/partner-center-api.md, section 1).
            Cloud::China => "https://login.partner.microsoftonline.cn",
            Cloud::UsGovernment => "https://login.microsoftonline.us",
            Cloud::Custom { authority_url, .. } => authority_url.trim_end_matches('/'),
        }
    }

    pub fn api_url(&self) -> &str {
        match self {
            Cloud::Global | Cloud::UsGovernment => "https://api.partnercenter.microsoft.com",
            Cloud::China => "https://partner.partnercenterapi.microsoftonline.cn",
            Cloud::Custom { api_url, .. } => api_url.trim_end_matches('/'),
        }
    }

    /// Referral analytics are not offered by 21Vianet.
    pub fn has_referrals(&self) -> bool {
        !matches!(self, Cloud::China)
    }

    /// The Insights API is documented for the global cloud only.
    pub fn has_insights(&self) -> bool {
        matches!(self, Cloud::Global | Cloud::Custom { .. })
    }

    pub fn title(&self) -> &'static str {
        match self {
            Cloud::Global => "Global",
            Cloud::China => "China (21Vianet)",
            Cloud::UsGovernment => "US Government",
            Cloud::Custom { .. } => "Custom",
        }
    }
}
