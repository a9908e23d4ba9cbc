#!/usr/bin/env python3
"""A QuickBooks Web Connector and a QuickBooks that says yes, for timing `rac2qb connector`.

Drives the service at URL as QBWC does (SOAP 1.1 envelopes of the Programmer's Guide, with their SOAPAction
header, over one kept-alive HTTP connection): authenticate, then sendRequestXML / receiveResponseXML until
100 %, then closeConnection. QuickBooks' part answers every request of a document "done", with a TxnID, a
ListID and an EditSequence, so that the connector ingests each answer as it would QuickBooks' own. (The
double-entry stand-in that checks the books is the tests' FakeQuickBooks; this one only answers.)
Prints the documents, the requests and the seconds taken (every 250 documents, on standard error, how far it is).
A request handed out twice (the same requestID in two documents) stops it with an error: nothing may be doubled.
Usage: qbwc_standin.py URL USER PASSWORD
"""
import http.client
import re
import sys
import time
import urllib.parse
from xml.sax.saxutils import escape, unescape

url, user, password = sys.argv[1:4]
parts = urllib.parse.urlparse(url)
connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)


def call(operation, parameters):
    inner = "".join(f"<{name}>{escape(value)}</{name}>" for name, value in parameters)
    body = ('<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
            f'<soap:Body><{operation} xmlns="http://developer.intuit.com/">{inner}</{operation}></soap:Body></soap:Envelope>')
    connection.request("POST", parts.path, body.encode("utf-8"),
                       {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"http://developer.intuit.com/{operation}"'})
    response = connection.getresponse()
    text = response.read().decode("utf-8")
    if response.status != 200:
        sys.exit(f"{operation}: HTTP {response.status}: {text[:500]}")
    result = re.search(rf"<{operation}Result[^>]*>(.*)</{operation}Result>|<{operation}Result/>", text, re.S)
    if result is None:
        sys.exit(f"{operation}: no result in {text[:500]}")
    value = result.group(1) or ""
    strings = re.findall(r"<string>(.*?)</string>", value, re.S)
    return [unescape(s, ENTITIES) for s in strings] if strings else [unescape(value, ENTITIES)]


ENTITIES = {"&quot;": '"', "&apos;": "'", "&#13;": "\r", "&#10;": "\n"}
REQUEST = re.compile(r'<(\w+)Rq requestID="([^"]*)"')


handed = set()


def answer(document, counter):
    responses = []
    for kind, request_id in REQUEST.findall(document):
        if request_id in handed:
            sys.exit(f"request {request_id} handed out twice")
        handed.add(request_id)
        counter[0] += 1
        number = counter[0]
        ret = kind[:-3] if kind.endswith("Add") or kind.endswith("Mod") else kind
        responses.append(f'<{kind}Rs requestID="{request_id}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">'
                         f'<{ret}Ret><TxnID>T-{number}</TxnID><ListID>L-{number}</ListID><EditSequence>1</EditSequence></{ret}Ret></{kind}Rs>')
    return ('<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>' + "\n".join(responses) + "</QBXMLMsgsRs></QBXML>"), len(responses)


started = time.monotonic()
ticket, status = call("authenticate", [("strUserName", user), ("strPassword", password)])[:2]
if status != "":
    sys.exit(f"authenticate: {status}")
documents = requests = 0
counter = [0]
largest = 0
while True:
    document = call("sendRequestXML", [("ticket", ticket), ("strHCPResponse", ""), ("strCompanyFileName", "C:\\Books\\Company.qbw"),
                                       ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0")])[0]
    if document == "":
        sys.exit("sendRequestXML gave nothing: " + call("getLastError", [("ticket", ticket)])[0])
    response, count = answer(document, counter)
    documents += 1
    requests += count
    largest = max(largest, count)
    percentage = int(call("receiveResponseXML", [("ticket", ticket), ("response", response), ("hresult", ""), ("message", "")])[0])
    if percentage < 0:
        sys.exit("receiveResponseXML: " + call("getLastError", [("ticket", ticket)])[0])
    if percentage >= 100:
        break
    if documents % 250 == 0:
        print(f"  {documents} documents, {requests} requests, {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
words = call("closeConnection", [("ticket", ticket)])[0]
print(f"documents {documents}, requests {requests} (at most {largest} a document), {time.monotonic() - started:.1f} s; {words.splitlines()[0]}")
