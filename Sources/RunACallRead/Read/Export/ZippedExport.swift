import Foundation
import RunACallSupport
internal import ZIPFoundation

/// How much a zipped export may unpack to, so that a small archive cannot
/// fill the disk: `ratio` × the archive's size, at least `floor` (small
/// exports compress well), never more than `ceiling`.
public struct ZipLimits: Sendable {
    public var ratio: UInt64
    public var floor: UInt64
    public var ceiling: UInt64

    /// 64 × the archive, at least 64 MiB, at most 32 GiB.
    public static let standard = ZipLimits(ratio: 64, floor: 64 << 20, ceiling: 32 << 30)

    public init(ratio: UInt64, floor: UInt64, ceiling: UInt64) {
        self.ratio = ratio
        self.floor = floor
        self.ceiling = ceiling
    }

    /// The bytes an archive of `size` bytes may unpack to.
    public func budget(forArchiveOf size: UInt64) -> UInt64 {
        let (scaled, overflow) = size.multipliedReportingOverflow(by: ratio)
        return min(ceiling, max(floor, overflow ? .max : scaled))
    }

    /// The bytes the archive `zip` may unpack to, and the words that say so when an entry goes past them.
    func budget(of zip: URL) -> (bytes: UInt64, allowed: String) {
        let size = (try? FileManager.default.attributesOfItem(atPath: zip.path)[.size] as? NSNumber)?.uint64Value ?? 0
        let budget = budget(forArchiveOf: size)
        return (budget, "allowed: \(budget) bytes unpacked in all (\(ratio) × the archive's \(size) bytes, at least \(floor), at most \(ceiling))")
    }
}

/// Unpacks the entity files of a zipped export into folders of the run's
/// own: every folder of the archive that holds entity files (`jan/`, `feb/`,
/// or the archive's root) becomes one export folder, in name order. Entries
/// are extracted to fixed names, a symlink or a path leaving the archive
/// refuses the archive, and the bytes written are counted as they are
/// inflated (headers are not trusted) against `ZipLimits`. A zip inside the zip stops the run, named:
/// it is not read, and nothing may be passed over without a word.
enum ZippedExport {
    /// The unpacked folders, each with its path inside the archive (empty for the root).
    static func unpack(_ zip: URL, into folder: URL, limits: ZipLimits) throws -> [(folder: URL, inner: String)] {
        let name = zip.lastPathComponent
        let archive: Archive
        do {
            archive = try Archive(url: zip, accessMode: .read)
        } catch {
            throw FatalError(.unreadableInput, "\(name): not a readable .zip archive (\(error))")
        }
        var folders: [String: [Entry]] = [:]
        var zips: [String] = []
        for entry in archive {
            try refuseUnsafe(entry, in: name)
            let components = entry.path.split(separator: "/").map(String.init)
            guard entry.type == .file, let last = components.last else { continue }
            if last.lowercased().hasSuffix(".zip") { zips.append(entry.path) }
            guard ExportFiles.candidateNames.contains(last.lowercased()) else { continue }
            folders[components.dropLast().joined(separator: "/"), default: []].append(entry)
        }
        if !zips.isEmpty {
            throw FatalError(.usage, "\(name): holds \(zips.sorted().map { "\"\($0)\"" }.joined(separator: ", ")), a zip inside the zip, "
                + "which is not read, so nothing was read; allowed: export files in the zip's folders: unzip the inner zip and put "
                + "its files in a folder of \(name), or give it on the command line beside \(name)")
        }
        let (budget, allowed) = limits.budget(of: zip)
        var written: UInt64 = 0
        var unpacked: [(folder: URL, inner: String)] = []
        for (position, (path, entries)) in folders.sorted(by: { $0.key < $1.key }).enumerated() {
            let shown = path.split(separator: "/").last.map(String.init) ?? zip.deletingPathExtension().lastPathComponent
            let target = folder.appendingPathComponent("\(position)").appendingPathComponent(shown)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for entry in entries.sorted(by: { $0.path < $1.path }) {
                let file = target.appendingPathComponent((entry.path as NSString).lastPathComponent.lowercased())
                guard !FileManager.default.fileExists(atPath: file.path) else {
                    throw FatalError(.unreadableInput, "\(name): entry \"\(entry.path)\" has the name of another entry of its folder but for case; allowed: one file per entity name in a folder")
                }
                try extract(entry, of: archive, to: file, zipName: name, budget: budget, allowed: allowed, written: &written)
            }
            unpacked.append((target, path))
        }
        return unpacked
    }

    /// Refuses symlinks and paths that are absolute or climb out with `..`.
    static func refuseUnsafe(_ entry: Entry, in name: String) throws {
        if entry.type == .symlink {
            throw FatalError(.unreadableInput, "\(name): entry \"\(entry.path)\" is a symbolic link; allowed: plain files and folders only")
        }
        let path = entry.path.replacingOccurrences(of: "\\", with: "/")
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        if path.hasPrefix("/") || components.first?.hasSuffix(":") == true || components.contains("..") {
            throw FatalError(.unreadableInput, "\(name): entry \"\(entry.path)\" has a path outside the archive (absolute or with ..); allowed: relative paths inside the export")
        }
    }

    static func extract(_ entry: Entry, of archive: Archive, to file: URL, zipName: String, budget: UInt64,
                                allowed: String, written: inout UInt64) throws {
        let tooLarge = FatalError(.unreadableInput, "\(zipName): entry \"\(entry.path)\" unpacks to more than this archive may hold; \(allowed). Unzip it yourself and give the folder")
        guard entry.uncompressedSize <= budget - written else { throw tooLarge }
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw FatalError(.unwritableOutput, "\(file.path): cannot create the unpacked file")
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var total = written
        do {
            _ = try archive.extract(entry) { data in
                total += UInt64(data.count)
                guard total <= budget else { throw tooLarge }
                try handle.write(contentsOf: data)
            }
        } catch let error as FatalError {
            throw error
        } catch {
            throw FatalError(.unreadableInput, "\(zipName): entry \"\(entry.path)\" cannot be extracted (\(error))")
        }
        written = total
    }
}
