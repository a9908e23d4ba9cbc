import Testing
@testable import RunACallRender
@testable import RunACallRead
@testable import RunACallSupport

/// IIF's five free address lines (`DesktopAddress.freeLines`) for every set of parts an address can have,
/// each part present, absent or empty, against the lines as their first version joined them.
@Suite struct DesktopAddressTests {
    /// The free lines as first written: the parts joined through arrays.
    static func joinedLines(_ address: DesktopAddress) -> [String] {
        let place = [[address.city].compactMap { $0 }.joined(), [address.state, address.postalCode].compactMap { $0 }.joined(separator: " ")]
            .filter { !$0.isEmpty }.joined(separator: ", ")
        let lines = [address.line1, address.line2, place.isEmpty ? nil : QuickBooksText.prefix(place, DesktopAddress.lineLimit), address.country]
            .compactMap { $0 }
        return lines + Array(repeating: "", count: 5 - lines.count)
    }

    @Test func everySetOfPartsGivesTheLinesJoinedAsBefore() {
        let values: [String?] = [nil, "", "x"]
        var checked = 0
        for shape in 0..<729 {
            var digits = shape
            func next(_ text: String) -> String? {
                defer { digits /= 3 }
                return values[digits % 3].map { $0.isEmpty ? $0 : text }
            }
            let address = Address(line1: next("1 Main St"), line2: next("Suite 5"), city: next("Denver"), state: next("CO"),
                                  postalCode: next("80202"), country: next("USA"))
            let desktop = DesktopAddress(address) { $0 }
            #expect(desktop.freeLines == Self.joinedLines(desktop), "\(address)")
            checked += 1
        }
        #expect(checked == 729)
        let long = DesktopAddress(Address(city: String(repeating: "C", count: 30), state: "Colorado", postalCode: "80202-1234")) { $0 }
        #expect(long.freeLines == Self.joinedLines(long) && long.freeLines[0].hasPrefix(String(repeating: "C", count: 30) + ", Colorado"))
        #expect(long.freeLines[0].count <= DesktopAddress.lineLimit)
    }
}
