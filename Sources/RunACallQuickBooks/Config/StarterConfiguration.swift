/// The commented starter config `rac2qb init` writes: the seed's recommended values.
public enum StarterConfiguration {
    public static let text = """
    # rac2qb configuration (contract version 1). The sections mirror Run a Call's
    # Settings → QuickBooks → Configuration: Customers, Items, Invoices, Payments, Tax.
    version: 1

    company:
      name: My Company
      edition: us                # us | ca | uk | au: US writes a taxable flag per line and one sales
                                 # tax item per invoice; other editions a tax code on every line (QBO CSV:
                                 # uk and au dates day first, 31/10/2026)
      home_currency: USD
      closing_date:              # QuickBooks closing date (YYYY-MM-DD); empty = no closed period

    output:
      formats: [iif, qbo-csv, qbxml]   # any subset
      qbxml_version: "13.0"
      split_every: 0             # most transactions per file; 0 = the target's own limit

    customers:
      create_in_quickbooks: true # Run a Call → QBO: customers not found are created
      sync_updates: true         # name/address changes are written as updates, both ways
      from_quickbooks: false     # QBO → Run a Call (rac2qb from-quickbooks): recommended off, QuickBooks often
                                 # has thousands of one-time customers you don't want in your CRM

    items:
      default_income_account: Service revenue
      category_income_accounts:  # "Map by category": pricebook category → income account
        Equipment installs: Equipment sales
      create_in_quickbooks: true # Run a Call → QBO: items not found are created
      discount_item: Discount
      member_discount_item: Member savings
      from_quickbooks: false     # QBO → Run a Call (rac2qb from-quickbooks): recommended off for the first
                                 # 30 days: pricebook clutter is real

    invoices:
      sync: true
      when: on_send              # on_send (accrual, recommended) | on_payment (cash basis)
      numbering: run_a_call      # run_a_call: invoice ID → doc number | quickbooks
      discount_account: Discounts given
      membership_income_account: Membership revenue

    payments:
      sync: true
      stripe_payout_account: Business Checking
      undeposited_funds_account: Undeposited Funds
      stripe_fee_account: Merchant fees
      auto_reconcile_payouts: true
      payment_method_names:
        card: Credit Card
        ach: ACH
        cash: Cash
        check: Check
        other: Other

    tax:
      rates:                     # Run a Call tax rate → QuickBooks tax code / sales tax item
        Denver 8.81%: Denver
      default_for_unmapped: To classify   # create a "To classify" code in QuickBooks as a safety net;
                                          # remove this line to fail invoices with unmapped rates
      agency: State Department of Revenue   # US: the tax agency (vendor) IIF sales tax lines name; IIF declares
                                            # it and the sales tax items unless the books list them; remove this
                                            # line to declare nothing (QuickBooks must then have the items)
      non_taxable_code:          # ca | uk | au: the tax code on lines Run a Call does not tax; empty = QuickBooks
                                 # Online's zero-rated code in QBO CSV (uk 0.0% Z, au GST free, ca Zero-rated)
                                 # and none in IIF and qbXML (QuickBooks Desktop takes the item's own code)

    ledger: rac2qb-ledger.sqlite
    """
}
