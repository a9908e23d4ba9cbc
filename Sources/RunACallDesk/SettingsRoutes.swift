import Foundation
import Hummingbird
import RunACallQuickBooks

/// `/api/settings`: every declared config key with its value, default, help and allowed values, read from the
/// desk's config file, with the names offered for the rate and category tables (`MappingChoices`); and changes
/// to it, checked by the loader and saved in place (`ConfigurationSettings`).
struct SettingsRoutes: Sendable {
    let settings: DeskSettings
    let workspace: Workspace

    func add(to router: Router<DeskContext>) {
        router.get("/api/settings") { _, _ in
            answer(try await BlockingWork.run { ConfigurationSettings.read(settings.configFile) })
        }
        router.put("/api/settings") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            guard let changes = try? JSONDecoder().decode(SettingsChange.self, from: Data(buffer: body)).changes else {
                return Self.problems([ConfigurationSettings.Problem(
                    key: nil, message: "the body is not {\"changes\": {\"KEY\": VALUE, ...}} (dotted keys, as GET /api/settings lists them)", allowed: [])])
            }
            return answer(try await BlockingWork.run { ConfigurationSettings.change(settings.configFile, changes) })
        }
    }

    /// `200 {"settings": [...], "path": ...}`, or `422 {"errors": [...]}`.
    private func answer(_ result: Result<Configuration, ConfigurationSettings.Problems>) -> Response {
        switch result {
        case .success(let configuration):
            let rows: [[String: Any]] = ConfigurationKeys.all.map { key in
                [
                    "key": key.path,
                    "kind": key.kind.rawValue,
                    "value": Self.json(key.value(in: configuration)),
                    "default": Self.json(key.defaultValue),
                    "help": key.help,
                    "allowed": key.allowed,
                ]
            }
            var object = MappingChoices.object(workspace: workspace, configuration: configuration)
            object["settings"] = rows
            object["path"] = settings.configFile.path
            return DeskJSON.response(object)
        case .failure(let failure):
            return Self.problems(failure.problems)
        }
    }

    private static func problems(_ problems: [ConfigurationSettings.Problem]) -> Response {
        let errors: [[String: Any]] = problems.map { ["key": $0.key ?? NSNull(), "message": $0.message, "allowed": $0.allowed] }
        return DeskJSON.response(status: .unprocessableContent, ["errors": errors])
    }

    /// A value as JSON: a mapping as an object, "not set" as null.
    static func json(_ value: ConfigurationValue) -> Any {
        switch value {
        case .flag(let flag): flag
        case .text(let text): text ?? NSNull()
        case .number(let number): number
        case .list(let names): names
        case .pairs(let pairs): Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
    }
}

/// The body of `PUT /api/settings`.
private struct SettingsChange: Decodable {
    let changes: [String: ConfigurationInput]
}
