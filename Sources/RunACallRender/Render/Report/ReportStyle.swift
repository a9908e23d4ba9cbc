/// The one visual style of rac2qb's pages: the report page and the desk share it.
public enum ReportStyle {
    /// The `<style>` element of the report's pages.
    public static var sheet: String { HTMLReport.style }
}
