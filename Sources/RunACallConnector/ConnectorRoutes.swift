import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `/qbwc`: `GET` answers 200 (QBWC's check of the address), `GET ?wsdl`
/// the WSDL, `POST` one SOAP 1.1 call. A body over `maxBody` (16 MiB) gets
/// 413 before it is read (by its `Content-Length`) or as soon as it grows past.
public struct ConnectorRoutes<Context: RequestContext>: Sendable {
    public static var path: String { "/qbwc" }
    /// 16 MiB.
    public static var maxBody: Int { 16 << 20 }

    let service: ConnectorService
    /// The service's full address, for the WSDL.
    let address: @Sendable () -> String

    public init(service: ConnectorService, address: @escaping @Sendable () -> String) {
        self.service = service
        self.address = address
    }

    public func add(to router: Router<Context>) {
        router.get(RouterPath(Self.path)) { request, _ in
            if request.uri.query?.lowercased() == "wsdl" {
                return Self.xml(ConnectorWSDL.document(address: address()), status: .ok)
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "rac2qb Web Connector service: add it in QuickBooks Web Connector with its .qwc file (rac2qb connector qwc).\n")))
        }
        router.post(RouterPath(Self.path)) { request, _ in
            if let declared = request.headers[.contentLength].flatMap(Int.init), declared > Self.maxBody {
                return Self.tooLarge
            }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: Self.maxBody)
            } catch {
                return Self.tooLarge
            }
            return await handle(Array(body.readableBytesView), soapAction: request.headers[HTTPField.Name("SOAPAction")!])
        }
    }

    private func handle(_ body: [UInt8], soapAction: String?) async -> Response {
        let call: SOAPRequest
        do {
            call = try SOAPRequest(body)
        } catch {
            return Self.xml(SOAPResponse.fault(client: true, "Not a Web Connector call: \(error.reason)."), status: .internalServerError)
        }
        if let soapAction, !soapAction.isEmpty,
           soapAction.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) != SOAPRequest.intuitNamespace + call.operation {
            return Self.xml(SOAPResponse.fault(client: true, "The SOAPAction \(soapAction) does not name the operation \(call.operation)."),
                            status: .internalServerError)
        }
        let service = self.service
        guard let result = await ConnectorWork.run({ service.answer(call) }) else {
            return Self.xml(SOAPResponse.fault(client: true, "No operation \(call.operation); the operations are those of QBWC's Programmer's Guide."),
                            status: .internalServerError)
        }
        return Self.xml(SOAPResponse.envelope(operation: call.operation, result: result), status: .ok)
    }

    private static var tooLarge: Response {
        Response(status: .contentTooLarge, headers: [.contentType: "text/plain; charset=utf-8", .connection: "close"],
                 body: .init(byteBuffer: ByteBuffer(string: "A Web Connector call is at most 16 MiB.\n")))
    }

    private static func xml(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
