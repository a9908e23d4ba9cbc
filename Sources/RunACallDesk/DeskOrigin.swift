/// The names the desk answers to: `127.0.0.1:PORT`, `localhost:PORT` and
/// `[::1]:PORT`, and the origins built on them. A request naming any other
/// host is refused, so that a web page on a rebound DNS name never reaches it.
struct DeskOrigin: Sendable {
    let port: Int

    /// The `Host` values accepted (compared without regard to case).
    var hosts: [String] { ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"] }

    /// The `Origin` values accepted.
    var origins: [String] { hosts.map { "http://" + $0 } }

    /// Whether a `Host` header names the desk.
    func acceptsHost(_ host: String?) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return hosts.contains(host)
    }

    /// Whether an `Origin` header, or without one a `Referer`, is the desk's own.
    func acceptsOrigin(_ origin: String?, referer: String?) -> Bool {
        if let origin { return origins.contains(origin.lowercased()) }
        guard let referer = referer?.lowercased() else { return false }
        return origins.contains { referer == $0 || referer.hasPrefix($0 + "/") }
    }
}
