//! GitHub's alerts (`> [!NOTE]` …): a labelled callout with an icon and its word, so the kind
//! never rests on colour alone.

use pulldown_cmark::BlockQuoteKind;

/// The opening of an alert of `kind`: its box and its title line.
pub fn open(kind: BlockQuoteKind) -> String {
    let (key, word, icon) = match kind {
        BlockQuoteKind::Note => ("note", "Note", NOTE),
        BlockQuoteKind::Tip => ("tip", "Tip", TIP),
        BlockQuoteKind::Important => ("important", "Important", IMPORTANT),
        BlockQuoteKind::Warning => ("warning", "Warning", WARNING),
        BlockQuoteKind::Caution => ("caution", "Caution", CAUTION),
    };
    format!(
        "<div class=\"markdown-alert markdown-alert-{key}\" role=\"note\">\n\
         <p class=\"markdown-alert-title\"><svg class=\"alert-icon\" viewBox=\"0 0 16 16\" \
         width=\"16\" height=\"16\" aria-hidden=\"true\">{icon}</svg>{word}</p>\n"
    )
}

/// The end of an alert.
pub const CLOSE: &str = "</div>\n";

/// An "i" in a circle.
const NOTE: &str = "<circle cx=\"8\" cy=\"8\" r=\"6.5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/><path d=\"M8 7v4.5\" stroke=\"currentColor\" stroke-width=\"1.5\"/><circle cx=\"8\" cy=\"4.8\" r=\"1\" fill=\"currentColor\"/>";
/// A light bulb.
const TIP: &str = "<path d=\"M8 1.5a4.5 4.5 0 0 0-2.5 8.2V11h5V9.7A4.5 4.5 0 0 0 8 1.5z\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/><path d=\"M6 13h4M6.5 15h3\" stroke=\"currentColor\" stroke-width=\"1.5\"/>";
/// A speech bubble with an exclamation mark.
const IMPORTANT: &str = "<path d=\"M2 2.5h12v8.5H7l-3 3v-3H2z\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/><path d=\"M8 4.5v3.5\" stroke=\"currentColor\" stroke-width=\"1.5\"/><circle cx=\"8\" cy=\"9.6\" r=\"0.9\" fill=\"currentColor\"/>";
/// A triangle with an exclamation mark.
const WARNING: &str = "<path d=\"M8 1.8 15 14.2H1z\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/><path d=\"M8 6v4\" stroke=\"currentColor\" stroke-width=\"1.5\"/><circle cx=\"8\" cy=\"12\" r=\"0.9\" fill=\"currentColor\"/>";
/// An octagon with an exclamation mark.
const CAUTION: &str = "<path d=\"M5.2 1.5h5.6l3.7 3.7v5.6l-3.7 3.7H5.2l-3.7-3.7V5.2z\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/><path d=\"M8 4.5v4\" stroke=\"currentColor\" stroke-width=\"1.5\"/><circle cx=\"8\" cy=\"10.8\" r=\"0.9\" fill=\"currentColor\"/>";
