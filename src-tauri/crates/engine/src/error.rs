//! Engine errors: what went wrong with a table, a file or a question, in plain words.

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// A question names a column the table does not have.
    #[error("There is no column \"{column}\" in this data. Columns: {available}.")]
    UnknownColumn { column: String, available: String },
    /// A question that does not make sense for the data (sum of a text column, say).
    #[error("{0}")]
    BadQuestion(String),
    #[error("{0}")]
    Filter(#[from] lens_model::FilterError),
    /// A file that cannot be read or written.
    #[error("{what}: {why}")]
    File { what: String, why: String },
    /// The disk has no room left; what was there before is kept.
    #[error("Your disk is full, so {what} could not be saved. Free some space and try again.")]
    DiskFull { what: String },
    /// A cached table that is damaged; it has been set aside.
    #[error("The saved copy of {what} was damaged and has been set aside; it will be fetched again. ({why})")]
    Corrupt { what: String, why: String },
    #[error("The data could not be processed: {0}")]
    Polars(String),
}

impl From<polars::error::PolarsError> for EngineError {
    fn from(e: polars::error::PolarsError) -> Self {
        EngineError::Polars(e.to_string())
    }
}

impl EngineError {
    pub fn file(what: impl Into<String>, why: impl std::fmt::Display) -> EngineError {
        EngineError::File { what: what.into(), why: why.to_string() }
    }
}
