//! The head every HTML page shares: language, viewport, and a policy that lets the page
//! fetch nothing and run nothing.

use super::sanitize::html as esc;
use crate::model::Lang;

/// `<!DOCTYPE html>` through `<body>`: the page's language, its escaped title and its inline
/// style sheet (fixed text).
pub fn head(lang: Lang, title: &str, style: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n<title>{}</title>\n<style>{style}</style>\n</head>\n<body>\n",
        lang.code(),
        esc(title)
    )
}
