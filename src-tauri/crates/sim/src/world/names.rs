//! Word lists for the synthetic world: Microsoft's own fictional companies, markets, products.
//! Names include an apostrophe, an ampersand, a plus sign and accents on purpose: exports and
//! filters must survive them.

pub const COMPANY_STEMS: &[&str] = &[
    "Contoso",
    "Fabrikam",
    "Northwind Traders",
    "Adventure Works",
    "Tailspin Toys",
    "Wingtip Toys",
    "Woodgrove Bank",
    "Litware",
    "Proseware",
    "Lucerne Publishing",
    "Coho Winery",
    "Alpine Ski House",
    "Trey Research",
    "Wide World Importers",
    "Margie's Travel",
    "Blue Yonder Airlines",
    "Humongous Insurance",
    "Fourth Coffee",
    "Graphic Design Institute",
    "City Power & Light",
    "Consolidated Messenger",
    "VanArsdel",
    "Relecloud",
    "Southridge Video",
    "Bellows College",
    "Best For You Organics",
    "A. Datum",
    "Munson's Pickles",
    "Café Zürich",
    "Crème Brûlée Bakery",
    "Müller Logistik",
    "São Paulo Têxteis",
    "Nordlys Energi",
    "Kōbe Seimitsu",
];

pub const COMPANY_SECTORS: &[&str] = &[
    "",
    " Pharma",
    " Health",
    " Logistics",
    " Retail",
    " Energy",
    " Legal",
    " Media",
    " Foods",
    " Engineering",
    " Finance",
    " Hotels",
    " Motors",
    " Labs",
    " Studios",
    " Partners",
];

/// (market, weight, company suffix)
pub const MARKETS: &[(&str, u32, &str)] = &[
    ("US", 30, " Inc."),
    ("GB", 10, " Ltd"),
    ("DE", 9, " GmbH"),
    ("FR", 7, " SAS"),
    ("JP", 6, " KK"),
    ("AU", 5, " Pty Ltd"),
    ("CA", 5, " Inc."),
    ("NL", 4, " BV"),
    ("IN", 6, " Pvt Ltd"),
    ("BR", 5, " Ltda"),
    ("ES", 4, " SL"),
    ("IT", 4, " Srl"),
    ("SE", 3, " AB"),
    ("MX", 2, " SA de CV"),
];

pub const ORG_SIZES: &[&str] = &[
    "1to10employees",
    "10to50employees",
    "50to250employees",
    "250to1000employees",
    "1000to10000employees",
    "morethan10000employees",
];

/// A product a subscription can be for. `subscription_type` includes the odd values the
/// service really returns (`M365`, `Windows`, `UNKNOWN`).
pub struct Product {
    pub product_name: &'static str,
    pub subscription_type: &'static str,
    pub friendly_name: &'static str,
    pub weight: u32,
    /// Typical licence count range; 0..0 for consumption products.
    pub licences: (i64, i64),
}

pub const PRODUCTS: &[Product] = &[
    Product {
        product_name: "OFFICE 365 BUSINESS PREMIUM",
        subscription_type: "Office",
        friendly_name: "FULL OFFICE SUITE",
        weight: 26,
        licences: (1, 60),
    },
    Product {
        product_name: "OFFICE 365 E3",
        subscription_type: "Office",
        friendly_name: "OFFICE 365 E3",
        weight: 14,
        licences: (5, 400),
    },
    Product {
        product_name: "EXCHANGE ONLINE (PLAN 1)",
        subscription_type: "Office",
        friendly_name: "EXCHANGE ONLINE",
        weight: 8,
        licences: (1, 120),
    },
    Product {
        product_name: "MICROSOFT 365 BUSINESS PREMIUM",
        subscription_type: "Microsoft365",
        friendly_name: "M365 BUSINESS PREMIUM",
        weight: 11,
        licences: (1, 80),
    },
    Product {
        product_name: "MICROSOFT 365 E5",
        subscription_type: "Microsoft365",
        friendly_name: "MICROSOFT 365 E5",
        weight: 4,
        licences: (10, 900),
    },
    Product {
        product_name: "MICROSOFT AZURE",
        subscription_type: "Azure",
        friendly_name: "MICROSOFT AZURE",
        weight: 7,
        licences: (0, 0),
    },
    Product {
        product_name: "AZURE PLAN",
        subscription_type: "Azure",
        friendly_name: "AZURE PLAN",
        weight: 6,
        licences: (0, 0),
    },
    Product {
        product_name: "DYNAMICS 365 SALES PROFESSIONAL",
        subscription_type: "Dynamics",
        friendly_name: "D365 SALES PRO",
        weight: 4,
        licences: (2, 50),
    },
    Product {
        product_name: "DYNAMICS 365 BUSINESS CENTRAL ESSENTIALS",
        subscription_type: "Dynamics",
        friendly_name: "BUSINESS CENTRAL",
        weight: 3,
        licences: (1, 30),
    },
    Product {
        product_name: "ENTERPRISE MOBILITY + SECURITY E3",
        subscription_type: "EMS",
        friendly_name: "EMS E3",
        weight: 4,
        licences: (5, 250),
    },
    Product {
        product_name: "MICROSOFT 365 APPS FOR BUSINESS",
        subscription_type: "M365",
        friendly_name: "M365 APPS",
        weight: 1,
        licences: (1, 10),
    },
    Product {
        product_name: "WINDOWS 10 ENTERPRISE E3",
        subscription_type: "Windows",
        friendly_name: "WINDOWS E3",
        weight: 1,
        licences: (1, 20),
    },
    Product {
        product_name: "UNKNOWN",
        subscription_type: "UNKNOWN",
        friendly_name: "UNKNOWN",
        weight: 3,
        licences: (0, 25),
    },
];

pub const RESELLER_NAMES: &[&str] = &[
    "Cloud Harbour",
    "Bright Byte IT",
    "Ostseeblick Systeme",
    "Maple Leaf Solutions",
    "Sakura Networks",
    "Outback Digital",
    "Rio Verde Tecnologia",
    "Polder IT",
    "Thames Valley Computing",
    "Lumière Conseil",
    "Fjord Data",
    "Sierra Cloud Partners",
    "Atlas & Co IT",
    "Kiwi Managed Services",
    "Andes Sistemas",
];

pub const AZURE_METERS: &[(&str, &str, &str, &[&str])] = &[
    ("Virtual Machines", "Dv3/DSv3 Series", "1 Hour", &["Standard_D2s_v3", "Standard_D4s_v3", "Standard_E4s_v3"]),
    ("Storage", "Geo Redundant", "1 GB/Month", &[""]),
    ("Storage", "Locally Redundant", "1 GB/Month", &[""]),
    ("SQL Database", "Single Standard", "1/Day", &["S1", "S2"]),
    ("Bandwidth", "Data Transfer Out", "1 GB", &[""]),
    ("Azure App Service", "Basic Plan", "1 Hour", &["B1", "B2"]),
    ("Azure Monitor", "Log Analytics", "1 GB", &[""]),
];

pub const AZURE_LOCATIONS: &[&str] = &[
    "westeurope",
    "northeurope",
    "eastus",
    "eastus2",
    "westus2",
    "uksouth",
    "germanywestcentral",
    "japaneast",
    "australiaeast",
    "brazilsouth",
    "centralindia",
];

pub const INDUSTRIES: &[&str] = &[
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Financial services",
    "Education",
    "Government",
    "Media and communications",
    "Professional services",
];

/// Customer names a hostile or careless tenant could enter, for tests that the app shows them
/// as text and exports them as text: markup that would run if put into the page as HTML, and
/// cells a spreadsheet would take for formulas. The markup's handlers, if they ever ran, would
/// mark the page (`window.__pwned`) and ask the backend to clear the cache.
pub const HOSTILE_NAMES: &[&str] = &[
    "<img src=x onerror=\"window.__pwned=1;window.__TAURI_INTERNALS__.invoke('clear_cache')\">",
    "<script>window.__pwned=1;window.__TAURI_INTERNALS__.invoke('clear_cache')</script>",
    "<b onmouseover=\"window.__pwned=1\">Bold & Co</b>",
    "=HYPERLINK(\"http://example.invalid\",\"Open\")",
    "+SUM(1,2)",
    "-2+3 Ltd",
    "@cmd Contoso",
    "\u{202e}Fabrikam RTL",
];

pub const SEARCH_PRODUCTS: &[&str] =
    &["Microsoft 365", "Azure", "Dynamics 365", "Power BI", "Teams", "Security", "Windows"];

pub const SEARCH_TEXTS: &[&str] = &[
    "cloud migration",
    "teams rollout",
    "managed security",
    "erp partner",
    "data platform",
    "copilot adoption",
    "backup and recovery",
    "sharepoint intranet",
    "azure cost optimisation",
];

/// Referral statuses and how often each occurs.
pub const REFERRAL_STATUSES: &[(&str, u32)] = &[
    ("New", 8),
    ("Accepted", 10),
    ("Acknowledged", 6),
    ("Won", 18),
    ("Lost", 12),
    ("Declined", 9),
    ("Expired", 10),
    ("Missed", 6),
    ("Archived", 5),
    ("Skipped", 4),
];
