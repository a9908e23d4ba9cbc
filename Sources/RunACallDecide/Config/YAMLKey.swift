import RunACallSupport

/// A name as a YAML mapping key: plain when YAML reads it back as the same text, else double-quoted.
public enum YAMLKey {
    public static func quoted(_ name: String) -> String {
        let plainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 %.&()/+-_$")
        let reserved: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"]
        let plain = !name.isEmpty && name.allSatisfy(plainCharacters.contains) && name.first?.isLetter == true
            && name.last != " " && !reserved.contains(name.lowercased())
        if plain { return name }
        var quoted = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029:
                quoted += String(format: "\\u%04X", scalar.value)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
