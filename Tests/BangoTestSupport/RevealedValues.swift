import BangoCore

/// Which raw identifiers a text shows, named by their masked forms.
///
/// Tests that check output for leaks assert on this list, not on `text.contains(value)`:
/// a failing `#expect` prints the values of its subexpressions, and so would print the
/// raw identifier (and the output holding it) into the test log.
public enum RevealedValues {
    /// The masked form of each of `values` that occurs in `text`.
    public static func of(_ values: [String], in text: String) -> [String] {
        values.filter { text.contains($0) }.map { Masking.mask($0) }
    }
}
