//! Revenue the service hid in a report file: for a person without the Executive report viewer
//! role, Partner Center blanks the revenue columns (docs/partner-center-api.md, section 5).
//! Such columns are found once, when the file arrives, so every screen can say "Hidden" where
//! they are and nothing adds them up as 0.

use lens_model::insights::is_revenue_column;

/// The revenue columns of a delimited file (header first) that are empty in every row.
pub fn blank_revenue_columns(text: &[u8], separator: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().delimiter(separator).flexible(true).from_reader(text);
    let Ok(header) = reader.headers().cloned() else { return Vec::new() };
    let mut blank: Vec<(usize, String)> =
        header.iter().enumerate().filter(|(_, h)| is_revenue_column(h)).map(|(i, h)| (i, h.to_string())).collect();
    for record in reader.records() {
        let Ok(record) = record else { return Vec::new() };
        blank.retain(|(i, _)| record.get(*i).is_none_or(|v| v.trim().is_empty()));
        if blank.is_empty() {
            break;
        }
    }
    blank.into_iter().map(|(_, h)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_revenue_columns_left_empty_on_every_row() {
        let text = b"CustomerName,BilledRevenueUSD,TotalACR,Seats,AzureConsumedRevenueUSD\r\nFabrikam,,,4,12.5\r\nContoso,,,,\r\n";
        assert_eq!(blank_revenue_columns(text, b','), ["BilledRevenueUSD", "TotalACR"]);
        assert!(blank_revenue_columns(b"Name\tRevenue\nA\t3\n", b'\t').is_empty());
        assert!(blank_revenue_columns(b"", b',').is_empty());
    }
}
