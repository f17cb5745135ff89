/// The pattern packs compiled into the binary.
///
/// They are embedded as bytes (`resources: [.embedInCode(...)]`) rather than loaded
/// from a resource bundle, so a copied `bango` binary still has them. Every `.yaml`
/// file in `Patterns/` must be listed here; a test fails when one is missing.
public enum BuiltinPacks {
    /// File name and contents of each built-in pack.
    public static let all: [(fileName: String, contents: [UInt8])] = [
        ("ar.yaml", PackageResources.ar_yaml),
        ("ca.yaml", PackageResources.ca_yaml),
        ("eu.yaml", PackageResources.eu_yaml),
        ("global.yaml", PackageResources.global_yaml),
        ("jp.yaml", PackageResources.jp_yaml),
        ("secret.yaml", PackageResources.secret_yaml),
        ("secret-cloud.yaml", PackageResources.secret_cloud_yaml),
        ("secret-comms.yaml", PackageResources.secret_comms_yaml),
        ("secret-connection.yaml", PackageResources.secret_connection_yaml),
        ("secret-dev.yaml", PackageResources.secret_dev_yaml),
        ("secret-payments.yaml", PackageResources.secret_payments_yaml),
        ("secret-saas.yaml", PackageResources.secret_saas_yaml),
    ]
}
