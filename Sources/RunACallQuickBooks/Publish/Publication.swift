import Foundation

/// Moves a run's staged files into the output folder, all or none. Every
/// destination folder is made and checked first (a folder, writable, not a
/// symbolic link that leads out of the output folder); then each file is
/// renamed into place, the files it replaces set aside in the staging folder.
/// When a step fails, what was done is undone (placed files moved back, or
/// renamed `*.abandoned` when that fails too), so no partial set stays importable.
struct Publication {
    let staging: URL
    let output: URL

    /// One step done, to undo when a later one fails.
    private enum Step {
        case createdFolder(URL)
        case setAside(URL, URL)
        case placed(URL, URL)
    }

    func publish(_ files: [String]) throws {
        var done: [Step] = []
        do {
            let folders = Set(files.map { ($0 as NSString).deletingLastPathComponent }).sorted()
            for folder in folders { try prepare(folder, &done) }
            for folder in folders { try setAsideStale(in: folder, keeping: files, &done) }
            for file in files { try place(file, &done) }
            for folder in [output.path] + folders.map({ output.appendingPathComponent($0).path }) {
                do { try SystemCalls.flushToDisk(folder) } catch { throw failure(folder, error.errno) }
            }
        } catch {
            let abandoned = undo(done)
            guard let fatal = error as? FatalError else { throw error }
            let note = abandoned.isEmpty ? "nothing was published"
                : "nothing was published; \(abandoned.joined(separator: ", ")) could not be moved back and were renamed *.abandoned (never import them)"
            throw FatalError(fatal.kind, "\(fatal.description); \(note)")
        }
    }

    private func failure(_ path: String, _ errno: Int32) -> FatalError {
        FatalError(.unwritableOutput, "\(path): cannot be written: \(OutputFailure.words(errno: errno, path: path))")
    }

    /// Makes (or checks) a destination folder, one path component at a time.
    private func prepare(_ folder: String, _ done: inout [Step]) throws {
        let root = output.resolvingSymlinksInPath().standardizedFileURL.path
        var current = output
        for component in folder.split(separator: "/").map(String.init) where !component.isEmpty {
            current.appendPathComponent(component)
            switch SystemCalls.kind(current.path) {
            case .missing:
                do {
                    try FileManager.default.createDirectory(at: current, withIntermediateDirectories: false)
                } catch {
                    throw OutputFailure.fatal(error, path: current)
                }
                done.append(.createdFolder(current))
            case .file:
                throw failure(current.path, EEXIST)
            case .symbolicLink:
                let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: current.path)) ?? current.path
                let named = URL(fileURLWithPath: destination, relativeTo: current.deletingLastPathComponent()).standardizedFileURL
                let target = named.resolvingSymlinksInPath().standardizedFileURL.path
                guard target == root || target.hasPrefix(root + "/") else {
                    throw FatalError(.unwritableOutput, "\(current.path): is a symbolic link to \(target), outside the output folder \(output.path); it is not followed: remove it, or choose another --out")
                }
                guard SystemCalls.kind(target) == .folder else {
                    throw FatalError(.unwritableOutput, "\(current.path): is a symbolic link to \(target), which is not a folder")
                }
            case .folder:
                break
            }
        }
        guard SystemCalls.isWritableFolder(current.path) else { throw failure(current.path, EACCES) }
    }

    /// Sets aside our files of a folder that this run does not write again (parts, or report row pages, a smaller run no longer has).
    private func setAsideStale(in folder: String, keeping files: [String], _ done: inout [Step]) throws {
        let destination = output.appendingPathComponent(folder)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? []
        where (Staging.isOurs(name) || (folder == "report" && HTMLRowPages.isPage(name))) && !files.contains("\(folder)/\(name)") {
            try setAside(destination.appendingPathComponent(name), as: "\(folder)/\(name)", &done)
        }
    }

    private func setAside(_ file: URL, as relative: String, _ done: inout [Step]) throws {
        let aside = staging.appendingPathComponent(".replaced").appendingPathComponent(relative)
        do {
            try FileManager.default.createDirectory(at: aside.deletingLastPathComponent(), withIntermediateDirectories: true)
            try SystemCalls.rename(file.path, aside.path)
        } catch {
            throw OutputFailure.fatal(error, path: file)
        }
        done.append(.setAside(file, aside))
    }

    /// Renames one staged file into place; a file already there is set aside first, and a name never replaced blindly.
    private func place(_ file: String, _ done: inout [Step]) throws {
        let source = staging.appendingPathComponent(file)
        let destination = output.appendingPathComponent(file)
        switch SystemCalls.kind(destination.path) {
        case .missing: break
        case .file: try setAside(destination, as: file, &done)
        case .folder: throw FatalError(.unwritableOutput, "\(destination.path): cannot be written: is a folder, not a file")
        case .symbolicLink: throw FatalError(.unwritableOutput, "\(destination.path): cannot be written: is a symbolic link; it is not followed: remove it")
        }
        do { try SystemCalls.renameWithoutReplacing(source.path, destination.path) } catch { throw failure(destination.path, error.errno) }
        done.append(.placed(source, destination))
    }

    /// Undoes the steps, latest first; returns the files that could only be renamed `*.abandoned`.
    private func undo(_ done: [Step]) -> [String] {
        var abandoned: [String] = []
        for step in done.reversed() {
            switch step {
            case .placed(let source, let destination):
                if (try? SystemCalls.rename(destination.path, source.path)) == nil {
                    if (try? SystemCalls.rename(destination.path, destination.path + ".abandoned")) != nil { abandoned.append(destination.path) }
                }
            case .setAside(let original, let aside):
                try? SystemCalls.rename(aside.path, original.path)
            case .createdFolder(let folder):
                if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                    try? FileManager.default.removeItem(at: folder)
                }
            }
        }
        return abandoned
    }
}
