//! Single-quoted values as both query languages write them (the Analytics API's OData filter
//! and the Insights query language): `'it''s'` is `it's`.

/// Reads the quoted value whose opening quote is at `chars[*i]` and leaves `*i` after the
/// closing quote. `None` when the closing quote is missing.
pub(crate) fn read_quoted(chars: &[(usize, char)], i: &mut usize) -> Option<String> {
    let mut s = String::new();
    *i += 1;
    loop {
        match chars.get(*i)? {
            (_, '\'') if matches!(chars.get(*i + 1), Some((_, '\''))) => {
                s.push('\'');
                *i += 2;
            }
            (_, '\'') => {
                *i += 1;
                return Some(s);
            }
            (_, ch) => {
                s.push(*ch);
                *i += 1;
            }
        }
    }
}

/// What both languages say when a quoted value is not closed.
pub(crate) const UNCLOSED: &str = "A quoted value is not closed: add the final '";
