//! `{var}` substitution in pipeline URLs, and command-line overrides of the variables.

use std::collections::BTreeMap;

/// Variable values that replace the file's `[vars]` (from `--set name=value`,
/// `--base-url URL` which sets `base`, or `CIVTRACE_VAR_<NAME>` environment variables).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Name → value, applied over the file's `[vars]`.
    pub vars: BTreeMap<String, String>,
}

impl Overrides {
    /// Parses `name=value` assignments (`--set`).
    ///
    /// # Errors
    /// An assignment without `=` or with an empty name, as a message.
    pub fn from_assignments<'a>(
        items: impl IntoIterator<Item = &'a str>,
    ) -> Result<Overrides, String> {
        let mut vars = BTreeMap::new();
        for item in items {
            match item.split_once('=') {
                Some((k, v)) if !k.trim().is_empty() => {
                    vars.insert(k.trim().to_string(), v.to_string());
                }
                _ => return Err(format!("--set {item:?}: expected NAME=VALUE")),
            }
        }
        Ok(Overrides { vars })
    }

    /// Sets `base` (the `--base-url` shorthand); a trailing `/` is dropped so
    /// `{base}/path` stays well-formed.
    pub fn with_base_url(mut self, url: &str) -> Overrides {
        self.vars
            .insert("base".to_string(), url.trim_end_matches('/').to_string());
        self
    }

    /// Adds `CIVTRACE_VAR_<NAME>` environment variables (name lower-cased)
    /// that are not already set explicitly.
    pub fn with_env(mut self) -> Overrides {
        for (k, v) in std::env::vars() {
            if let Some(name) = k.strip_prefix("CIVTRACE_VAR_") {
                self.vars.entry(name.to_ascii_lowercase()).or_insert(v);
            }
        }
        self
    }

    /// Writes the overrides over `vars`.
    pub(crate) fn apply(&self, vars: &mut BTreeMap<String, String>) {
        for (k, v) in &self.vars {
            vars.insert(k.clone(), v.clone());
        }
    }
}

/// Replaces every `{name}` in `s` by its value; an unknown name or an
/// unclosed brace is an error message.
pub(crate) fn substitute(s: &str, vars: &BTreeMap<String, String>) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("{s:?}: unclosed `{{`"))?;
        let name = &after[..close];
        let value = vars
            .get(name)
            .ok_or_else(|| format!("{s:?}: unknown variable {{{name}}} (not in [vars])"))?;
        out.push_str(value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> BTreeMap<String, String> {
        BTreeMap::from([("base".to_string(), "https://x.org".to_string())])
    }

    #[test]
    fn substitutes_known_and_rejects_unknown() {
        assert_eq!(
            substitute("{base}/a/{base}", &vars()).unwrap(),
            "https://x.org/a/https://x.org"
        );
        assert_eq!(substitute("plain", &vars()).unwrap(), "plain");
        assert!(substitute("{bse}/a", &vars())
            .unwrap_err()
            .contains("unknown variable {bse}"));
        assert!(substitute("{base", &vars())
            .unwrap_err()
            .contains("unclosed"));
    }

    #[test]
    fn overrides_replace_file_values() {
        let o = Overrides::from_assignments(["base=http://127.0.0.1:9"]).unwrap();
        let mut v = vars();
        o.apply(&mut v);
        assert_eq!(v["base"], "http://127.0.0.1:9");
        assert!(Overrides::from_assignments(["nobase"]).is_err());
        let o = Overrides::default().with_base_url("http://127.0.0.1:8/");
        assert_eq!(o.vars["base"], "http://127.0.0.1:8");
    }
}
