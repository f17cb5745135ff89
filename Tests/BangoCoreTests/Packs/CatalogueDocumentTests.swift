import Testing

@testable import BangoCore

/// Whole documents: each identifier in the languages people write it in, and a decoy
/// document that must stay quiet at medium and above. Values are synthetic (made here
/// or checked with python-stdnum) or published examples.
@Suite struct CatalogueDocumentTests {
    let worker: DetectionSession
    init() throws { worker = try makeWorker() }

    func found(_ text: String) -> Set<String> {
        Set(
            worker.scan(text: text).detections.filter { $0.confidence >= .medium }.map {
                "\($0.detectorID) \($0.confidence)"
            })
    }

    @Test func japanese() {
        let text = """
            社員情報
            個人番号：1234 5678 9018
            旅券番号：TK1234567
            在留カード番号 AB12345678CD
            取引先 法人番号 5835678256246
            カード番号 4111-1111-1111-1111 有効期限 12/30
            振込先 IBAN DE89 3704 0044 0532 0130 00
            メールアドレス taro@example.co.jp
            """
        #expect(
            found(text) == [
                "jp.my_number high", "jp.passport medium", "jp.residence_card medium", "jp.corporate_number high",
                "payment_card high", "iban high", "email medium",
            ])
    }

    @Test func japaneseHealthPensionAndBank() {
        let text = """
            健康保険被保険者証 記号 1234 番号 56 保険者番号 31120017
            基礎年金番号：1234-567890
            給与振込先：サンプル銀行 本店 普通 7654321
            運転免許証番号 第459803358720号
            住民票コード：12345678903
            """
        // The valid insurer number beside the card's 記号・番号 raises that finding to high.
        #expect(
            found(text) == [
                "jp.health_insurance high", "jp.insurer_number medium", "jp.basic_pension medium",
                "jp.bank_account medium",
                "jp.drivers_license high", "jp.resident_code high",
            ])
    }

    @Test func english() {
        let text = """
            Employee record
            Social Insurance Number: 509 959 029
            PHN 9290 222 791
            Card number 5555 5555 5555 4444, expiry 01/29
            aws_access_key_id = AKIAZ3MXQ7W5LQ2RKT4B
            aws_secret_access_key = see vault
            Passport number: AB123456
            OHIP 3982-597-910-AB
            Direct deposit: transit 12345, institution 003, account 1234567 (12345-003-1234567)
            Identity card (Germany): L01X00T471
            """
        #expect(
            found(text) == [
                "ca.sin high", "ca.bc_phn high", "payment_card high", "secret.aws_access_key high",
                "ca.passport medium",
                "ca.on_health high", "ca.bank_account high", "de.id_card high",
            ])
    }

    @Test func spanish() {
        let text = """
            Datos del empleado
            CUIT: 20-08301661-3
            DNI 12.345.678
            DNI 13274231B
            NIE X7832567D
            Número de tarjeta 4111 1111 1111 1111, vencimiento 12/30
            """
        #expect(found(text) == ["ar.cuit high", "ar.dni medium", "es.dni high", "es.nie high", "payment_card high"])
    }

    @Test func frenchAndOthers() {
        let text = """
            Numéro de sécurité sociale : 2 25 02 75 557 883 41
            Numéro d'assurance sociale : 167-349-067
            BSN: 167868433
            PESEL: 38081837576
            Numéro d'assurance maladie (RAMQ) : TREM 8562 1512
            Codice fiscale: BNCLRA80A41F205G
            Personalausweis-Nr. T220001293
            """
        #expect(
            found(text) == [
                "fr.nir high", "ca.sin high", "nl.bsn high", "pl.pesel high", "ca.qc_ramq medium",
                "it.codice_fiscale high",
                "de.id_card high",
            ])
    }

    /// Order numbers, dates, phone numbers, hashes, UUIDs and version strings.
    @Test func decoysStayBelowMedium() {
        let text = """
            注文番号 0123456789 2024-11-29 10:23:45 ¥1,234,567
            03-1234-5678 / 090-1234-5678 〒100-0005
            sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
            md5 5d41402abc4b2a76b9719d911017c592
            uuid 123e4567-e89b-12d3-a456-426614174000
            version 1.2.3.4567 build 20241129.1530 release 2024.11.29
            invoice INV-2024-000123 amount 12345.67 qty 1234567
            tracking 123456789012345678 isbn 978-4-06-123456-7
            """
        #expect(found(text).isEmpty, "\(found(text))")
    }
}
