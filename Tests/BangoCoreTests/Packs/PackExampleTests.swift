import BangoPatterns
import Foundation
import Testing

@testable import BangoCore

@Suite struct PackExampleTests {
    @Test func everyBuiltinExampleBehavesAsWritten() throws {
        let (failures, count) = ExampleRunner(worker: try makeWorker()).run()
        #expect(count >= 20)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyPackOnDiskIsEmbedded() throws {
        let patterns = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Patterns")
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: patterns.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(!onDisk.isEmpty)
        #expect(BuiltinPacks.all.map(\.fileName).sorted() == onDisk)
        for (name, contents) in BuiltinPacks.all {
            let disk = try Data(contentsOf: patterns.appendingPathComponent(name))
            #expect(Array(disk) == contents, "embedded \(name) is stale")
        }
    }

    /// Scans trust the built-in packs not to backtrack catastrophically and do not probe
    /// them at start-up; this is where they are probed, as a user's pack is when loaded.
    @Test func builtinPatternsPassTheBacktrackingProbes() throws {
        let packs = try PatternPack.builtin()
        #expect(packs.allSatisfy { $0.isBuiltin })
        for pack in packs {
            for definition in pack.detectors {
                #expect(throws: Never.self, "\(definition.id)") {
                    _ = try DetectorCompiler.compile(definition, source: pack.source, probeBacktracking: true)
                }
            }
        }
        // A pack that is not built in is probed when an engine is made from it.
        let user = try PatternPack(
            yaml: String(decoding: BuiltinPacks.all[0].contents, as: UTF8.self), source: "user.yaml")
        #expect(!user.isBuiltin)
    }

    @Test func builtinDetectorIDsFollowTheContract() throws {
        let ids = try DetectionEngine.builtin().detectors.map(\.id)
        #expect(ids.contains("jp.my_number"))
        #expect(ids.contains("jp.corporate_number"))
    }
}

@Suite struct PackErrorTests {
    static let valid = """
        pack: test
        detectors:
          - id: test.twelve
            name: Twelve digits
            jurisdiction: test
            trigger: { min_digits: 12 }
            regex: '[0-9]{12}'
            confidence: { without_keyword: low, with_keyword: high }
            examples:
              - { text: '123456789012', expect: low }
              - { text: '12345', expect: none }
        """

    func packError(_ yaml: String) -> PackError? {
        do {
            let pack = try PatternPack(yaml: yaml, source: "user.yaml")
            _ = try DetectionEngine(packs: [pack])
            return nil
        } catch let error as PackError {
            return error
        } catch let error as EngineError {
            if case .pack(let packError) = error { return packError }
            return nil
        } catch {
            return nil
        }
    }

    @Test func aValidPackLoads() throws {
        #expect(packError(Self.valid) == nil)
    }

    @Test func badYAMLSyntaxIsReportedWithALine() {
        let error = packError("pack: x\ndetectors:\n  - id: [unclosed\n")
        #expect(error?.line != nil)
        #expect(error?.message.contains("YAML syntax") == true)
    }

    @Test func aRegexThatDoesNotCompileNamesTheRuleAndOffset() {
        let error = packError(Self.valid.replacingOccurrences(of: "'[0-9]{12}'", with: "'([0-9]{12}'"))
        #expect(error?.ruleID == "test.twelve")
        #expect(error?.line == 3)
        #expect(error?.message.contains("offset") == true)
    }

    @Test func anUnknownValidatorIsRejected() {
        let error = packError(
            Self.valid.replacingOccurrences(of: "    trigger:", with: "    validator: luhn9\n    trigger:"))
        #expect(error?.message.contains("unknown validator `luhn9`") == true)
        #expect(error?.line == 6)
    }

    @Test func aDuplicateIDIsRejected() throws {
        let pack = try PatternPack(yaml: Self.valid, source: "a.yaml")
        let again = try PatternPack(yaml: Self.valid, source: "b.yaml")
        #expect(throws: EngineError.self) { try DetectionEngine(packs: [pack, again]) }
        let doubled = Self.valid + "\n" + Self.valid.split(separator: "\n").dropFirst(2).joined(separator: "\n")
        #expect(packError(doubled)?.message.contains("duplicate detector id") == true)
    }

    @Test(arguments: ["name", "regex", "jurisdiction", "trigger", "confidence"])
    func aMissingFieldIsNamed(_ field: String) {
        let lines = Self.valid.split(separator: "\n").filter { !$0.hasPrefix("    \(field):") }
        let error = packError(lines.joined(separator: "\n"))
        #expect(error?.message.contains("`\(field)`") == true, "\(String(describing: error))")
        #expect(error?.ruleID == "test.twelve")
    }

    @Test func examplesAreRequiredBothWays() {
        let noNegative = Self.valid.replacingOccurrences(of: "      - { text: '12345', expect: none }\n", with: "")
            .replacingOccurrences(of: "      - { text: '12345', expect: none }", with: "")
        #expect(packError(noNegative)?.message.contains("negative") == true)
    }

    @Test func badIDsAndLevelsAreRejected() {
        #expect(packError(Self.valid.replacingOccurrences(of: "test.twelve", with: "Test.Twelve")) != nil)
        #expect(
            packError(Self.valid.replacingOccurrences(of: "with_keyword: high", with: "with_keyword: certain"))?
                .message.contains("high, medium, low or none") == true)
        #expect(packError("just a string")?.message.contains("top level") == true)
        #expect(packError("")?.message.contains("empty") == true)
    }

    /// A number with no check digit is medium only beside its keyword.
    @Test func aNumberWithoutAValidatorCannotReachMediumWithoutItsKeyword() {
        let medium = Self.valid.replacingOccurrences(of: "without_keyword: low", with: "without_keyword: medium")
        let error = packError(medium)
        #expect(error?.ruleID == "test.twelve")
        #expect(error?.message.contains("needs its keyword to reach medium") == true, "\(String(describing: error))")
        let checked = medium.replacingOccurrences(of: "    trigger:", with: "    validator: luhn\n    trigger:")
            .replacingOccurrences(of: "'123456789012', expect: low", with: "'123456789015', expect: medium")
        #expect(packError(checked) == nil)
    }

    @Test func evidenceMustNameAKnownValidatorAndARealGroup() {
        let unknown = packError(
            Self.valid.replacingOccurrences(
                of: "    trigger:", with: "    evidence: { validator: luhn9 }\n    trigger:"))
        #expect(unknown?.message.contains("unknown evidence validator `luhn9`") == true)
        #expect(unknown?.ruleID == "test.twelve")
        let notMapping = packError(
            Self.valid.replacingOccurrences(
                of: "    trigger:", with: "    evidence: luhn\n    trigger:"))
        #expect(notMapping?.message.contains("`evidence` must be a mapping") == true)
        let noGroup = packError(
            Self.valid.replacingOccurrences(
                of: "    trigger:", with: "    evidence: { validator: luhn, group: nowhere }\n    trigger:"))
        #expect(noGroup?.message.contains("`evidence.group: nowhere` names no group") == true)
    }

    @Test func aColumnRegexNeedsALiteralTriggerKeywordsAndToCompile() {
        let onDigits = packError(
            Self.valid.replacingOccurrences(
                of: "    trigger:", with: "    column_regex: '[0-9]{12}'\n    trigger:"))
        #expect(onDigits?.message.contains("`column_regex` is for detectors triggered by `literals`") == true)
        let literal = Self.valid.replacingOccurrences(
            of: "trigger: { min_digits: 12 }", with: "trigger: { literals: [nr] }")
        #expect(packError(literal) == nil)
        let withoutKeywords = packError(
            literal.replacingOccurrences(
                of: "    regex:", with: "    column_regex: '[0-9]{12}'\n    regex:"))
        #expect(withoutKeywords?.message.contains("needs `keywords`") == true)
        let broken = packError(
            literal.replacingOccurrences(
                of: "    regex:", with: "    keywords: [number]\n    column_regex: '([0-9]{12}'\n    regex:"))
        #expect(broken?.message.contains("`column_regex`") == true)
        #expect(broken?.ruleID == "test.twelve")
        let catastrophic = packError(
            literal.replacingOccurrences(
                of: "    regex:", with: "    keywords: [number]\n    column_regex: '(a+)+$'\n    regex:"))
        #expect(catastrophic?.message.contains("backtracks catastrophically") == true)
    }

    @Test func booleanFieldsTakeYAMLBooleansOnly() throws {
        func caseInsensitive(_ value: String) -> Result<Bool, PackError> {
            let yaml = Self.valid.replacingOccurrences(
                of: "trigger: { min_digits: 12 }", with: "trigger: { literals: [nr], case_insensitive: \(value) }")
            do {
                let pack = try PatternPack(yaml: yaml, source: "user.yaml")
                guard case .literals(_, let insensitive, _, _) = pack.detectors[0].trigger else {
                    return .success(false)
                }
                return .success(insensitive)
            } catch {
                return .failure(error)
            }
        }
        for spelling in ["true", "True", "TRUE", "yes", "on"] {
            #expect(try caseInsensitive(spelling).get() == true, "\(spelling)")
        }
        for spelling in ["false", "no", "Off"] { #expect(try caseInsensitive(spelling).get() == false, "\(spelling)") }
        // Neither a word that is not a boolean nor a quoted string is taken for one.
        for spelling in ["maybe", "'true'", "1", "tRuE"] {
            #expect(throws: PackError.self, "\(spelling)") { try caseInsensitive(spelling).get() }
        }
    }

    @Test func afterLetterIsABooleanOfDigitTriggers() {
        #expect(
            packError(
                Self.valid.replacingOccurrences(
                    of: "trigger: { min_digits: 12 }", with: "trigger: { min_digits: 12, after_letter: maybe }"))?
                .message.contains("`after_letter` must be true or false") == true)
        #expect(
            packError(
                Self.valid.replacingOccurrences(of: "    trigger:", with: "    generic: sometimes\n    trigger:"))?
                .message.contains("`generic` must be true or false") == true)
        // A cluster not after a letter is never handed to the regex.
        let yaml = Self.valid.replacingOccurrences(
            of: "trigger: { min_digits: 12 }", with: "trigger: { min_digits: 12, after_letter: true }")
        let engine = try? DetectionEngine(packs: [try! PatternPack(yaml: yaml, source: "user.yaml")])
        let worker = engine.map {
            DetectionSession(engine: $0, options: DetectionOptions(reveal: false, fingerprinter: testFingerprinter))
        }
        #expect(worker.map { summary("id: 123456789012", worker: $0) } == [])
        #expect(worker.map { summary("AB123456789012", worker: $0) } == ["test.twelve ********9012 low"])
    }
}
