/// The stages below publishing, re-exported: the desk, the connector, the command line and the tests
/// import `RunACallQuickBooks` alone and see the whole library's public API.
@_exported import RunACallSupport
@_exported import RunACallRead
@_exported import RunACallDecide
@_exported import RunACallRender
