import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// The invoice preparer (the mapping's checks that need no name, made on the reading thread) on small values:
/// each stage it ends in, that it resolves and commits no name, and that a mapping from its preparation,
/// made on another thread, is the one the mapper makes alone.
@Suite struct InvoicePreparerTests {
    typealias Mapper = InvoiceMapperTests

    static let taxedLine = #"[{"item": "Labor", "quantity": "1", "unit_price": "100.00", "amount": "100.00", "taxable": true, "tax_rate": "Nowhere 5%"}]"#
    static let taxLine = #"[{"name": "Nowhere 5%", "rate": "5", "amount": "5.00"}]"#

    /// The invoices of the stages, each with the configuration and books it is mapped with.
    static func cases() throws -> [(name: String, invoice: Invoice, config: String, books: BooksSnapshot)] {
        var refusingTerms = BooksSnapshot()
        refusingTerms.terms = Mapper.list(BookEntry(name: "Net 15", isActive: true))
        let iif = "output:\n  formats: [iif]\n"
        return [
            ("draft", try Mapper.invoice(status: "draft"), iif, BooksSnapshot()),
            ("closed period", try Mapper.invoice(lines: taxedLine, tax: taxLine, total: "105.00"),
             "company:\n  closing_date: 2026-10-01\n", BooksSnapshot()),
            ("long doc number", try Mapper.invoice(id: "INV-0000000001"), iif, BooksSnapshot()),
            ("unmapped rate", try Mapper.invoice(lines: taxedLine, tax: taxLine, total: "105.00"), iif, BooksSnapshot()),
            ("safety net", try Mapper.invoice(lines: taxedLine, tax: taxLine, total: "105.00"),
             iif + "tax:\n  default_for_unmapped: To classify\n", BooksSnapshot()),
            ("terms the books refuse", try Mapper.invoice(extra: #", "terms": "Net 30""#), iif, refusingTerms),
            ("written", try Mapper.invoice(extra: #", "terms": "Net 15""#), iif, refusingTerms),
        ]
    }

    /// A mapping's outcome and caveats, comparable.
    static func summary(_ mapping: InvoiceMapping) -> String {
        let outcome = switch mapping.outcome {
        case .write(let posting): "write \(posting.refNumber ?? "-") \(posting.customer) \(posting.total) \(posting.lines.map(\.item)) \(String(describing: posting.salesTax))"
        case .skip(let reason): "skip \(reason)"
        case .fail(let problem): "fail \(problem.code) \(problem.message)"
        }
        return "\(outcome) | \(mapping.warnings) | \(mapping.notes) | \(mapping.unmappedRates) | \(String(describing: mapping.customerLanding))"
    }

    @Test func eachStageEndsWhereTheMappingWould() throws {
        let stages = try Self.cases().map { item -> String in
            let preparation = try Mapper.mapper(item.config, books: item.books).preparer.prepare(item.invoice)
            return switch preparation.stage {
            case .skip(let reason): "skip \(reason)"
            case .fail(let problem): "fail \(problem.code) \(preparation.unmappedRates)"
            case .ready(let refNumber, let tax, let warnings): "ready \(refNumber ?? "-") \(tax.salesTax?.item ?? "-") \(warnings.count)"
            }
        }
        #expect(stages == [
            "skip Draft: never sent",
            "fail closedPeriod []",
            "fail docNumberTooLong []",
            #"fail taxCodeNotMapped ["Nowhere 5%"]"#,
            "ready 1 To classify 1",
            "fail termsNotFound []",
            "ready 1 - 0",
        ])
    }

    @Test func aMappingFromAPreparationMadeOnAnotherThreadIsTheMappersOwn() throws {
        for item in try Self.cases() {
            let alone = try Mapper.mapper(item.config, books: item.books).map(item.invoice)
            let mapper = try Mapper.mapper(item.config, books: item.books)
            let preparer = mapper.preparer
            let invoice = item.invoice
            let prepared = try #require(Self.onAnotherThread { preparer.prepare(invoice) })
            #expect(Self.summary(mapper.map(item.invoice, prepared: prepared)) == Self.summary(alone), "\(item.name)")
        }
    }

    @Test func preparingResolvesAndCommitsNoName() throws {
        let mapper = try Mapper.mapper("output:\n  formats: [iif]\n")
        for id in ["1", "2", "3"] { _ = mapper.preparer.prepare(try Mapper.invoice(id: id)) }
        guard case .new = mapper.customers.resolve(Customer(id: nil, name: "Ann Lee", email: "ann@example.com")) else {
            Issue.record("preparing an invoice committed its customer"); return
        }
        let mapping = mapper.map(try Mapper.invoice(id: "4"))
        #expect(mapping.createdCustomer?.customer.name == "Ann Lee" && mapping.createdItems.map(\.item.name) == ["Labor"])
    }

    /// `work`'s result, computed on a thread of its own.
    static func onAnotherThread<Value: Sendable>(_ work: @escaping @Sendable () -> Value) -> Value? {
        let box = ResultBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Thread {
            box.value = work()
            done.signal()
        }.start()
        done.wait()
        return box.value
    }

    final class ResultBox<Value>: @unchecked Sendable {
        var value: Value?
    }
}
