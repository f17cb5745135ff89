/// What a file's first bytes say it is, when it is more than text.
enum ContainerKind: Equatable {
    case zip, gzip, tar, pdf, email
    /// An Office document that is an OLE compound file: what Office writes for a
    /// password-protected xlsx/docx/pptx.
    case encryptedOffice

    static func sniff(_ head: [UInt8], name: String) -> ContainerKind? {
        if ZipArchive.isZip(head) { return .zip }
        if Gzip.isGzip(head) { return .gzip }
        if Tar.isTar(head) { return .tar }
        if PDFText.isPDF(head) { return .pdf }
        let lower = name.lowercased()
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]),
            [".xlsx", ".docx", ".pptx", ".xlsm", ".docm", ".pptm"].contains(where: lower.hasSuffix)
        {
            return .encryptedOffice
        }
        if !head.contains(0), Email.looksLikeMessage(head, name: name) { return .email }
        return nil
    }
}
