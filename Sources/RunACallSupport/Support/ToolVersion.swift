/// The version `rac2qb --version` prints.
public enum ToolVersion {
    public static let current = "0.10.0"
}
