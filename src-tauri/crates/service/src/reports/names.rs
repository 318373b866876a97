//! Names a person understands for what Partner Center's Insights catalogue calls
//! `CLASAzurePropensity` or `PGAMpnId`: a plain title and one line for the data sets the data
//! definitions describe, a short meaning for the abbreviations they use (CLAS, MPN, TPID, PGA,
//! ACR…), and Microsoft's spelling mistakes corrected on screen (the query keeps them). This is
//! display only: the catalogue itself is the service's, and a data set it adds that is not here
//! still shows, its name put into words.

use super::catalogue::words;

/// A data set's plain title and one line on what it holds, from the data definitions.
pub fn dataset_words(name: &str) -> (String, String) {
    let known = match name.to_ascii_lowercase().as_str() {
        "customersandtenants" => Some((
            "Customers and tenants",
            "Each customer and tenant you are credited with, month by month: products, seats and revenue.",
        )),
        "seatssubscriptionsandrevenue" => Some((
            "Seats, subscriptions and revenue",
            "Each customer subscription, month by month: its dates and state, product, seats sold and assigned, and revenue.",
        )),
        "profile" => {
            Some(("Partner profile", "Your own partner program IDs and names, with each location's city and country."))
        }
        "azureusage" => Some((
            "Azure usage",
            "Azure use by customer subscription, month by month: services, quantities and the Azure revenue credited to you.",
        )),
        "officeusage" => Some((
            "Microsoft 365 and Office 365 use",
            "Office 365 workloads (Teams, Exchange…) per customer, month by month: licences paid for and people using them.",
        )),
        "dynamicsusage" => Some((
            "Dynamics 365 licences",
            "Dynamics 365 licences per customer subscription, month by month: seats available, assigned and in use.",
        )),
        "powerbiusage" => Some((
            "Power BI licences",
            "Power BI licences per customer subscription, month by month: seats available, assigned and in use.",
        )),
        "emsusage" => Some((
            "Enterprise Mobility + Security use",
            "Enterprise Mobility + Security per customer subscription, month by month: licences paid for and people using them.",
        )),
        "cloudproductsresellerperformance" | "resellerperformance" => Some((
            "Reseller performance",
            "For an indirect provider: each reseller's customers and subscriptions, month by month, with seats and revenue.",
        )),
        "clasagreementrenewalspropensity" => Some((
            "Agreement renewals (Cloud Ascent)",
            "Customers whose licensing agreements end soon, and how likely Microsoft thinks each is to renew.",
        )),
        "clasazurepropensity" => Some((
            "Likely Azure customers (Cloud Ascent)",
            "Customers Microsoft thinks likely to buy Azure, with the sales plays it recommends.",
        )),
        "clasd365propensity" => Some((
            "Likely Dynamics 365 customers (Cloud Ascent)",
            "Customers Microsoft thinks likely to buy Dynamics 365 or Power Apps, with the sales plays it recommends.",
        )),
        "clasm365propensity" => Some((
            "Likely Microsoft 365 customers (Cloud Ascent)",
            "Customers Microsoft thinks likely to buy Microsoft 365, with the sales plays it recommends.",
        )),
        "classurfacepropensity" => Some((
            "Likely Surface customers (Cloud Ascent)",
            "Customers Microsoft thinks likely to buy Surface devices, with the sales plays it recommends.",
        )),
        "teamsusage3papps" => Some((
            "Teams usage: third-party apps",
            "The third-party apps your customers use in Teams, and how many people use each.",
        )),
        "teamsusageworkload" => Some((
            "Teams usage by month",
            "Teams users per customer each month, for meetings, calls and phone, on desktop, web and mobile.",
        )),
        "teamsusagemeetingsandcalls" => Some((
            "Teams meetings and calls",
            "How many Teams meetings your customers held, and for how long, day by day.",
        )),
        "trainingcompletions" => Some((
            "Trainings, exams and certifications",
            "What your people completed, with completion and expiry dates.",
        )),
        "mslearn" => Some(("Microsoft Learn", "The Microsoft Learn modules and learning paths your people completed.")),
        "businessappliicationsrevenue" => Some((
            "Business applications revenue",
            "Revenue per customer subscription for Dynamics 365 and Power Platform workloads, month by month.",
        )),
        "businessappliicationsusage" => Some((
            "Business applications usage",
            "Use of Dynamics 365 and Power Platform workloads per customer subscription, month by month.",
        )),
        _ => None,
    };
    match known {
        Some((t, d)) => (t.to_string(), d.to_string()),
        None => (corrected(&words(name)), "A Partner Center data set.".to_string()),
    }
}

/// When a month's figures are final, for the data sets Microsoft's "Data refresh frequency" page
/// gives a fiscal-month refresh for (quoted in `docs/partner-center-api.md`, section 7):
/// Azure usage on the 5th of the next month, the others on the 15th. The catalogue itself does not
/// say; for a data set the page does not list, nothing is claimed.
pub fn month_note(dataset: &str) -> Option<String> {
    let day = match dataset.to_ascii_lowercase().as_str() {
        "azureusage" => "5th",
        "businessappliicationsrevenue"
        | "businessappliicationsusage"
        | "customersandtenants"
        | "dynamicsusage"
        | "emsusage"
        | "officeusage"
        | "powerbiusage"
        | "resellerperformance"
        | "cloudproductsresellerperformance"
        | "seatssubscriptionsandrevenue"
        | "teamsusage3papps"
        | "teamsusagemeetingsandcalls"
        | "teamsusageworkload" => "15th",
        _ => return None,
    };
    Some(format!(
        "A month's figures are final by the {day} of the next month: until then, last month may be incomplete."
    ))
}

/// Microsoft's spelling mistakes in names, corrected for the screen only.
pub fn corrected(text: &str) -> String {
    let mut out = text.to_string();
    for (wrong, right) in [
        ("appliications", "applications"),
        ("Appliications", "Applications"),
        ("peformance", "performance"),
        ("Peformance", "Performance"),
        ("partiticipants", "participants"),
        ("Partiticipants", "Participants"),
    ] {
        out = out.replace(wrong, right);
    }
    out
}

/// The abbreviations the data definitions use, with what each stands for.
const GLOSSARY: &[(&str, &str)] = &[
    ("CLAS", "Cloud Ascent: Microsoft's scoring of customers likely to buy or renew"),
    ("MPN", "your Microsoft AI Cloud Partner Program ID (formerly MPN)"),
    ("PGA", "your partner global account (the ID above your locations)"),
    ("TPID", "the customer's top parent ID at Microsoft"),
    ("ACR", "Azure consumed revenue: Azure use, in US dollars, credited to you"),
    ("DUNS", "the customer's Dun & Bradstreet number"),
    ("SKU", "the product's stock-keeping unit"),
    ("USD", "US dollars"),
    ("PAL", "Partner Admin Link: how you are linked to a customer's Azure subscription"),
    ("MCP", "Microsoft Certified Professional"),
    ("EMS", "Enterprise Mobility + Security"),
    ("AADP", "Azure Active Directory Premium (now Microsoft Entra ID P1/P2)"),
    ("MAU", "monthly active users"),
    ("PAU", "paid available units"),
];

/// One line for a column whose name uses an abbreviation the data definitions explain.
pub fn column_hint(name: &str) -> Option<String> {
    let upper = name.to_ascii_uppercase();
    let found: Vec<String> = GLOSSARY
        .iter()
        .filter(|(term, _)| upper.contains(term))
        .map(|(term, meaning)| format!("{term}: {meaning}"))
        .collect();
    (!found.is_empty()).then(|| found.join("; "))
}

/// A system query as a ready-made report: its data set's plain title and its time range,
/// "Customers and tenants, last 6 months". Microsoft's own names ("Teams Usage 3P Apps") and
/// descriptions ("TeamsUsage3PApps report for six months") are in its words, not a person's.
pub fn system_report_title(dataset_title: &str, timespan: Option<&str>) -> String {
    match timespan.and_then(lens_model::insights::Timespan::parse) {
        Some(t) => format!("{dataset_title}, {}", super::catalogue::range_words(t).to_lowercase()),
        None => dataset_title.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_titles_spelling_corrected_and_abbreviations_explained() {
        assert_eq!(dataset_words("BusinessAppliicationsRevenue").0, "Business applications revenue");
        assert_eq!(dataset_words("ResellerPerformance").0, "Reseller performance");
        assert_eq!(
            dataset_words("PartnerFuturesForecast").0,
            "Partner futures forecast",
            "a data set not known here still reads"
        );
        assert_eq!(corrected("All up partiticipants"), "All up participants");
        assert!(column_hint("PGAMpnId").unwrap().contains("partner global account"));
        assert!(column_hint("CustomerTpid").unwrap().contains("top parent"));
        assert_eq!(column_hint("CustomerName"), None);
        assert_eq!(
            system_report_title("Customers and tenants", Some("LAST_6_MONTHS")),
            "Customers and tenants, last 6 months"
        );
        assert_eq!(system_report_title("Partner profile", None), "Partner profile");
        assert!(month_note("AzureUsage").unwrap().contains("5th"));
        assert!(month_note("DynamicsUsage").unwrap().contains("15th"));
        assert_eq!(month_note("TrainingCompletions"), None, "the page gives no monthly refresh for it");
    }
}
