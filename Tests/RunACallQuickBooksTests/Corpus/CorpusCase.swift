import Foundation

/// One case of the hostile-input corpus (`Tests/HostileInputCorpus/cases/NNN-name/case.json`):
/// the command line to run and what its run must show. The fields are described in the corpus README.
struct CorpusCase: Decodable, Sendable {
    /// The folder of all cases and the files they share.
    static let corpus = TestPaths.packageRoot.appendingPathComponent("Tests/HostileInputCorpus")
    static let casesFolder = corpus.appendingPathComponent("cases")
    static let sharedFolder = corpus.appendingPathComponent("shared")

    /// Every case folder's name, in order: the arguments of the parameterised test.
    static let names: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: casesFolder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    /// A run's exit status and the phrases its output must hold; `either` lists such alternatives.
    struct Outcome: Decodable, Sendable {
        var exit: [Int32]
        var contains: [String]

        enum CodingKeys: String, CodingKey { case exit, contains }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            exit = try container.decodeStatuses(forKey: .exit) ?? []
            contains = try container.decodeIfPresent([String].self, forKey: .contains) ?? []
        }
    }

    /// A report row that must be there: by source id and entity type, with its status and words.
    struct ReportRow: Decodable, Sendable {
        var sourceID: String
        var entityType: String
        var status: String
        var contains: [String]?

        enum CodingKeys: String, CodingKey {
            case sourceID = "source_id", entityType = "entity_type", status, contains
        }
    }

    /// A file made from a template in the case folder by repeating text at markers (large inputs stay out of the repository).
    struct Generated: Decodable, Sendable {
        var to: String
        var template: String
        /// Marker → what replaces it.
        var fills: [String: Fill]
    }

    /// `count` copies of `text`.
    struct Fill: Decodable, Sendable {
        var text: String
        var count: Int
    }

    /// A zip made at run time: a case folder's contents, or explicit entries (a file of the case, or one byte repeated).
    struct Zip: Decodable, Sendable {
        struct Entry: Decodable, Sendable {
            var path: String
            var file: String?
            var fill: String?
            var bytes: Int?
        }

        var to: String
        var folder: String?
        var entries: [Entry]?
    }

    var why: String
    var args: [String]
    var outcome: Outcome
    var either: [Outcome]?
    var containsAny: [[String]]?
    var absent: [String]?
    var report: [ReportRow]?
    var quickbooksFilesLack: [String]?
    var filesContain: [String: [String]]?
    var filesLack: [String: [String]]?
    var filesAbsent: [String]?
    var cwdStaysEmpty: Bool?
    var before: [[String]]?
    var generate: [Generated]?
    var zips: [Zip]?

    enum CodingKeys: String, CodingKey {
        case why, args, either, absent, report, before, generate, zips
        case containsAny = "contains_any", quickbooksFilesLack = "quickbooks_files_lack"
        case filesContain = "files_contain", filesLack = "files_lack", filesAbsent = "files_absent", cwdStaysEmpty = "cwd_stays_empty"
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        why = try container.decode(String.self, forKey: .why)
        args = try container.decode([String].self, forKey: .args)
        outcome = try Outcome(from: decoder)
        either = try container.decodeIfPresent([Outcome].self, forKey: .either)
        containsAny = try container.decodeIfPresent([[String]].self, forKey: .containsAny)
        absent = try container.decodeIfPresent([String].self, forKey: .absent)
        report = try container.decodeIfPresent([ReportRow].self, forKey: .report)
        quickbooksFilesLack = try container.decodeIfPresent([String].self, forKey: .quickbooksFilesLack)
        filesContain = try container.decodeIfPresent([String: [String]].self, forKey: .filesContain)
        filesLack = try container.decodeIfPresent([String: [String]].self, forKey: .filesLack)
        filesAbsent = try container.decodeIfPresent([String].self, forKey: .filesAbsent)
        cwdStaysEmpty = try container.decodeIfPresent(Bool.self, forKey: .cwdStaysEmpty)
        before = try container.decodeIfPresent([[String]].self, forKey: .before)
        generate = try container.decodeIfPresent([Generated].self, forKey: .generate)
        zips = try container.decodeIfPresent([Zip].self, forKey: .zips)
    }

    /// Reads the case named `name`.
    static func load(_ name: String) throws -> CorpusCase {
        let url = casesFolder.appendingPathComponent(name).appendingPathComponent("case.json")
        return try JSONDecoder().decode(CorpusCase.self, from: Data(contentsOf: url))
    }

    /// The outcomes a run may match: `either`'s, else the case's own.
    var allowedOutcomes: [Outcome] { either ?? [outcome] }
}

extension KeyedDecodingContainer {
    /// An exit status given as one number or a list of them.
    func decodeStatuses(forKey key: Key) throws -> [Int32]? {
        if let one = try? decodeIfPresent(Int32.self, forKey: key) { return [one] }
        return try decodeIfPresent([Int32].self, forKey: key)
    }
}
