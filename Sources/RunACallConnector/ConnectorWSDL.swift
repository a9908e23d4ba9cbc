/// The WSDL of the service (`GET /qbwc?wsdl`): the QBWebConnectorSvc
/// contract of Intuit's QBWC Programmer's Guide, document/literal SOAP 1.1,
/// namespace `http://developer.intuit.com/`, at the service's address.
enum ConnectorWSDL {
    /// Each operation, its parameters (strings, but for the qbXML version numbers) and its result's type.
    static let operations: [(name: String, parameters: [String], result: String)] = [
        ("serverVersion", [], "s:string"),
        ("clientVersion", ["strVersion"], "s:string"),
        ("authenticate", ["strUserName", "strPassword"], "tns:ArrayOfString"),
        ("sendRequestXML", ["ticket", "strHCPResponse", "strCompanyFileName", "qbXMLCountry", "qbXMLMajorVers", "qbXMLMinorVers"], "s:string"),
        ("receiveResponseXML", ["ticket", "response", "hresult", "message"], "s:int"),
        ("connectionError", ["ticket", "hresult", "message"], "s:string"),
        ("getLastError", ["ticket"], "s:string"),
        ("closeConnection", ["ticket"], "s:string"),
    ]

    static func document(address: String) -> String {
        let elements = operations.map { operation in
            let parameters = operation.parameters.map { #"<s:element minOccurs="0" maxOccurs="1" name="\#($0)" type="\#($0 == "qbXMLMajorVers" || $0 == "qbXMLMinorVers" ? "s:int" : "s:string")"/>"# }.joined()
            let occurs = operation.result == "s:int" ? #"minOccurs="1""# : #"minOccurs="0""#
            return """
                  <s:element name="\(operation.name)"><s:complexType><s:sequence>\(parameters)</s:sequence></s:complexType></s:element>
                  <s:element name="\(operation.name)Response"><s:complexType><s:sequence><s:element \(occurs) maxOccurs="1" name="\(operation.name)Result" type="\(operation.result)"/></s:sequence></s:complexType></s:element>
            """
        }.joined(separator: "\n")
        let messages = operations.map { operation in
            """
              <wsdl:message name="\(operation.name)SoapIn"><wsdl:part name="parameters" element="tns:\(operation.name)"/></wsdl:message>
              <wsdl:message name="\(operation.name)SoapOut"><wsdl:part name="parameters" element="tns:\(operation.name)Response"/></wsdl:message>
            """
        }.joined(separator: "\n")
        let portOperations = operations.map { operation in
            """
                <wsdl:operation name="\(operation.name)"><wsdl:input message="tns:\(operation.name)SoapIn"/><wsdl:output message="tns:\(operation.name)SoapOut"/></wsdl:operation>
            """
        }.joined(separator: "\n")
        let bindings = operations.map { operation in
            """
                <wsdl:operation name="\(operation.name)"><soap:operation soapAction="http://developer.intuit.com/\(operation.name)" style="document"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
            """
        }.joined(separator: "\n")
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://developer.intuit.com/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="http://developer.intuit.com/">
          <wsdl:types>
            <s:schema elementFormDefault="qualified" targetNamespace="http://developer.intuit.com/">
              <s:complexType name="ArrayOfString"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string"/></s:sequence></s:complexType>
        \(elements)
            </s:schema>
          </wsdl:types>
        \(messages)
          <wsdl:portType name="QBWebConnectorSvcSoap">
        \(portOperations)
          </wsdl:portType>
          <wsdl:binding name="QBWebConnectorSvcSoap" type="tns:QBWebConnectorSvcSoap">
            <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
        \(bindings)
          </wsdl:binding>
          <wsdl:service name="QBWebConnectorSvc">
            <wsdl:port name="QBWebConnectorSvcSoap" binding="tns:QBWebConnectorSvcSoap"><soap:address location="\(address)"/></wsdl:port>
          </wsdl:service>
        </wsdl:definitions>
        """
    }
}
