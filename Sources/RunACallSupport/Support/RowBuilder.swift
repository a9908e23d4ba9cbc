/// Rows of cells appended as bytes (IIF's tab-separated rows, CSV's comma-separated ones):
/// a builder gives how one text cell is written and how a row ends; the rest is shared.
public protocol RowBuilder {
    /// Appends a text cell of the row being written.
    mutating func cell(_ text: String)
    /// Ends the row being written.
    mutating func endRow()
}

extension RowBuilder {
    /// Appends cells of the row being written.
    @inlinable public mutating func cells(_ texts: [String]) {
        for text in texts { cell(text) }
    }

    /// Appends a whole row of `cells`.
    @inlinable public mutating func row(_ cells: [String]) {
        self.cells(cells)
        endRow()
    }
}
