import Foundation

/// Text from text-based PDFs through poppler's `pdftotext` (poppler-utils).
///
/// Poppler is the PDF library Linux desktops rely on: it handles CID-keyed fonts with
/// ToUnicode maps (how Japanese PDFs carry their text), repairs broken cross-reference
/// tables, and decrypts PDFs that have only an owner password. Running its command-line
/// tool in a child process keeps a hostile PDF's parser out of bango's own address space
/// and lets a watchdog end it.
enum PDFText {
    static func isPDF(_ bytes: [UInt8]) -> Bool { bytes.starts(with: Array("%PDF-".utf8)) }

    /// How long one PDF may take before pdftotext is stopped.
    static let timeout: TimeInterval = 120

    /// The PDF's text, one part per page (`page 3`), or why there is none.
    static func extract(path: String) throws(ContainerError) -> ExtractedText {
        guard let tool = ExecutableLookup.path(named: "pdftotext") else {
            throw .corrupt("pdftotext not found: install poppler-utils to scan PDFs")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-enc", "UTF-8", "-eol", "unix", path, "-"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw .corrupt("pdftotext could not start (\(error))") }
        // Drain stderr on the side so a PDF full of syntax warnings cannot fill the pipe
        // and stall the child while stdout is read.
        let drain = PipeDrain(errors.fileHandleForReading)
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        let message = String(decoding: drain.collect(), as: UTF8.self)
        guard process.terminationReason == .exit else { throw .limit("pdftotext took longer than \(Int(timeout)) s") }
        guard process.terminationStatus == 0 else {
            if message.lowercased().contains("password") { throw .encrypted }
            // Poppler's messages quote tokens of the PDF, which may be its text: they are
            // not repeated in the manifest, only the exit status is.
            throw .corrupt("pdftotext could not read it (exit \(process.terminationStatus))")
        }
        return pages(Array(text))
    }

    /// pdftotext ends every page with a form feed.
    static func pages(_ text: [UInt8]) -> ExtractedText {
        var result = ExtractedText(part: "page 1")
        var line = 1
        var page = 1
        result.partStarts.append((1, "page 1"))
        for byte in text {
            if byte == 0x0C {
                page += 1
                if result.text.last != 0x0A && !result.text.isEmpty {
                    result.text.append(0x0A)
                    line += 1
                }
                result.partStarts.append((line, "page \(page)"))
                continue
            }
            result.text.append(byte)
            if byte == 0x0A { line += 1 }
        }
        return result
    }
}
