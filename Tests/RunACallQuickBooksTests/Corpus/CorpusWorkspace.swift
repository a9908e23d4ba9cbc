import Foundation
import ZIPFoundation

/// The fresh folders one corpus case runs in, so that no case can change the repository or another case:
/// `case/` (a copy of the case folder, `$CASE`), `shared/` (a copy of the shared config and export, `$SHARED`),
/// `out/` (not created: `$OUT`), `cwd/` (the empty current folder, `$CWD`), all inside `$WORK`.
struct CorpusWorkspace {
    let work: URL
    var caseFolder: URL { work.appendingPathComponent("case") }
    var shared: URL { work.appendingPathComponent("shared") }
    var out: URL { work.appendingPathComponent("out") }
    var currentFolder: URL { work.appendingPathComponent("cwd") }

    /// Copies the case and the shared files, then makes the case's generated files and zips.
    init(for name: String, _ corpusCase: CorpusCase) throws {
        work = try TestPaths.temporaryFolder("corpus-\(name)")
        let files = FileManager.default
        try files.copyItem(at: CorpusCase.casesFolder.appendingPathComponent(name), to: caseFolder)
        try files.copyItem(at: CorpusCase.sharedFolder, to: shared)
        try files.createDirectory(at: currentFolder, withIntermediateDirectories: true)
        for generated in corpusCase.generate ?? [] { try make(generated) }
        for zip in corpusCase.zips ?? [] { try make(zip) }
    }

    /// `text` with `$CASE`, `$SHARED`, `$OUT`, `$CWD` and `$WORK` replaced by this workspace's paths.
    func expand(_ text: String) -> String {
        [("$CASE", caseFolder), ("$SHARED", shared), ("$OUT", out), ("$CWD", currentFolder), ("$WORK", work)]
            .reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1.path) }
    }

    private func make(_ generated: CorpusCase.Generated) throws {
        var text = try String(contentsOf: caseFolder.appendingPathComponent(generated.template), encoding: .utf8)
        for (marker, fill) in generated.fills {
            text = text.replacingOccurrences(of: marker, with: String(repeating: fill.text, count: fill.count))
        }
        let target = caseFolder.appendingPathComponent(generated.to)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    private func make(_ zip: CorpusCase.Zip) throws {
        let target = caseFolder.appendingPathComponent(zip.to)
        if let folder = zip.folder {
            try FileManager.default.zipItem(at: caseFolder.appendingPathComponent(folder), to: target,
                                            shouldKeepParent: false, compressionMethod: .deflate)
            return
        }
        let archive = try Archive(url: target, accessMode: .create)
        for entry in zip.entries ?? [] {
            if let file = entry.file {
                let data = try Data(contentsOf: caseFolder.appendingPathComponent(file))
                try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count),
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            } else if let fill = entry.fill, let bytes = entry.bytes {
                let byte = fill.utf8.first ?? 0x20
                try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes),
                                     compressionMethod: .deflate, bufferSize: 1 << 20) { _, size in
                    Data(repeating: byte, count: size)
                }
            }
        }
    }
}
