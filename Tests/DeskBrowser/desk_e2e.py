#!/usr/bin/env python3
"""The desk end to end in a real headless Chromium (Selenium + chromedriver), as a user goes through
the month end: open the token URL, upload the sample export as a zip, check it, see the closed-period
invoice failed with its fix first in the grid, open invoice 1044's preview, convert, download the
batch's zip and compare it byte for byte with `rac2qb convert` on the same export and config, ingest a
QuickBooks response, undo. A screenshot of every page goes to --screenshots.

Exit 0 when every step held; otherwise the first step that did not, on standard error, and exit 1.
"""
import argparse, http.cookiejar, io, os, re, shutil, subprocess, sys, tempfile, time, urllib.request, zipfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait


def fail(step, detail=""):
    sys.stderr.write(f"desk e2e: {step} did not hold {detail}\n")
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--samples", required=True)
    parser.add_argument("--screenshots", required=True)
    args = parser.parse_args()
    args.binary, args.samples = os.path.abspath(args.binary), os.path.abspath(args.samples)
    os.makedirs(args.screenshots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="rac2qb-desk-e2e-")
    config = os.path.join(work, "rac2qb.yml")
    with open(os.path.join(args.samples, "rac2qb.yml"), encoding="utf-8") as sample:
        text = re.sub(r"(?m)^ledger:.*$", "ledger: ledger.sqlite", sample.read())
    with open(config, "w", encoding="utf-8") as out:
        out.write(text)
    export_zip = os.path.join(work, "export.zip")
    with zipfile.ZipFile(export_zip, "w") as archive:
        folder = os.path.join(args.samples, "export")
        for name in sorted(os.listdir(folder)):
            archive.write(os.path.join(folder, name), name)

    server = subprocess.Popen([args.binary, "serve", "--config", config, "--port", "0"], cwd=work,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first = server.stdout.readline().strip()
        match = re.fullmatch(r"rac2qb desk: (http://127\.0\.0\.1:(\d+))/\?token=([0-9a-f]{64})", first)
        if not match:
            fail("the first line", repr(first))
        base, token = match.group(1), match.group(3)
        run_browser(args, work, base, token, export_zip, config, text)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    print("desk e2e: every step held")


def run_browser(args, work, base, token, export_zip, config, text):
    options = Options()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000", "--disable-dev-shm-usage"]:
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    # A page that reloads while it is read leaves its old nodes behind: those reads are tried again.
    wait = WebDriverWait(driver, 60, ignored_exceptions=[StaleElementReferenceException, WebDriverException])
    shot = lambda name: driver.save_screenshot(os.path.join(args.screenshots, name + ".png"))

    def open_settings(field):
        driver.get(f"{base}/settings")
        wait.until(seen.presence_of_element_located((By.ID, field)))
        return driver.find_element(By.ID, field)

    save_settings = lambda: driver.find_element(By.CSS_SELECTOR, "form.settings button[type=submit]").click()

    def config_text():
        with open(config, encoding="utf-8") as file:
            return file.read()
    try:
        driver.get(f"{base}/?token={token}")
        if "token=" in driver.current_url:
            fail("the token redirect", driver.current_url)
        shot("01-start")

        driver.find_element(By.ID, "export").send_keys(export_zip)
        driver.find_element(By.CSS_SELECTOR, "form[data-action='/api/exports'] button").click()
        wait.until(seen.url_contains("/exports/1"))
        shot("02-export-uploaded")

        split = open_settings("setting-output.split_every")
        split.clear(); split.send_keys("-1")
        save_settings()
        wait.until(seen.text_to_be_present_in_element((By.ID, "row-output.split_every"), "allowed"))
        shot("03a-settings-refused")
        if config_text() != text:
            fail("a refused setting leaves the file as it was")
        account = open_settings("setting-payments.stripe_payout_account")
        account.clear(); account.send_keys("Operating Checking")
        save_settings()
        try:
            wait.until(seen.text_to_be_present_in_element((By.CSS_SELECTOR, "form.settings .status"), "Saved."))
        except Exception:
            shot("03b-settings-not-saved")
            fail("saving a setting", driver.find_element(By.CSS_SELECTOR, "form.settings .status").text)
        shot("03b-settings-saved")
        saved = config_text()
        if "stripe_payout_account: Operating Checking" not in saved or saved.count("\n") != text.count("\n"):
            fail("the setting saved in the YAML, in place", saved)

        rates = open_settings("setting-tax.rates")
        if "Boulder 8.845%" not in rates.text or "not mapped" not in rates.text:
            fail("the rate table offers the export's unmapped rate", rates.text)
        rates.find_element(By.CSS_SELECTOR, "input[aria-label='tax.rates: the QuickBooks name for Boulder 8.845%']").send_keys("Boulder")
        save_settings()
        wait.until(seen.text_to_be_present_in_element((By.CSS_SELECTOR, "form.settings .status"), "Saved."))
        driver.execute_script("document.getElementById('row-tax.rates').scrollIntoView()")
        shot("03c-settings-rate-picked")
        mapped = config_text()
        if "Boulder 8.845%: Boulder" not in mapped or "stripe_payout_account: Operating Checking" not in mapped:
            fail("the rate picked in the table saved in the YAML", mapped)

        driver.get(f"{base}/exports/1")
        driver.find_element(By.CSS_SELECTOR, "form[data-action$='/check'] button").click()
        wait.until(seen.text_to_be_present_in_element((By.CSS_SELECTOR, "table.grid tbody"), "Invoice #1050"))
        first_row = driver.find_element(By.CSS_SELECTOR, "table.grid tbody tr")
        cells = [cell.text for cell in first_row.find_elements(By.TAG_NAME, "td")]
        if cells[0] != "Failed" or "Closed period" not in cells[5] or "closing date" not in cells[6]:
            fail("the grid's first row: the closed-period invoice failed with its fix", cells)
        shot("03-grid")

        search = driver.find_element(By.NAME, "q")
        search.send_keys("1044")
        driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
        wait.until(seen.presence_of_element_located((By.LINK_TEXT, "Invoice #1044")))
        driver.find_element(By.LINK_TEXT, "Invoice #1044").click()
        wait.until(seen.url_contains("/invoices/1044"))
        body = driver.find_element(By.TAG_NAME, "body").text
        for phrase in ["Invoice #1044", "Lines", "Income account", "iif/quickbooks.iif", "qbxml/requests.xml"]:
            if phrase not in body:
                fail("the preview of invoice 1044", phrase)
        shot("04-preview-1044")

        driver.get(f"{base}/exports/1")
        driver.find_element(By.CSS_SELECTOR, "form[data-action$='/convert'] button").click()
        wait.until(seen.url_contains("/batches/1"))
        body = driver.find_element(By.TAG_NAME, "main").text
        for phrase in ["Batch 1", "Reconciled:", "The whole batch (.zip)", "iif/quickbooks.iif", "qbo-csv/import-checklist.csv",
                       "File → Utilities → Import → IIF Files", "gear → Import data → Invoices", "rac2qb ingest"]:
            if phrase not in body:
                fail("the batch's summary after convert", phrase)
        shot("05-batch-summary")
        driver.get(f"{base}/batches")
        wait.until(seen.presence_of_element_located((By.ID, "batch-1")))
        shot("05-batches")

        cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
        opener = urllib.request.build_opener()
        opener.addheaders = [("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))]
        downloaded = zipfile.ZipFile(io.BytesIO(opener.open(f"{base}/api/batches/1/download").read()))
        expected = os.path.join(work, "cli")
        os.makedirs(expected)
        subprocess.run([args.binary, "convert", os.path.join(args.samples, "export"), "--config", config, "--out",
                        os.path.join(expected, "out"), "--ledger", os.path.join(expected, "ledger.sqlite"), "--quiet"],
                       cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        written = sorted(os.path.relpath(os.path.join(root, name), os.path.join(expected, "out"))
                         for root, _, names in os.walk(os.path.join(expected, "out")) for name in names if not name.startswith("."))
        if sorted(downloaded.namelist()) != written:
            fail("the batch zip's files", (sorted(downloaded.namelist()), written))
        for name in written:
            if name in ("report/sync-report.json", "report/index.html"):
                continue
            with open(os.path.join(expected, "out", name), "rb") as file:
                if downloaded.read(name) != file.read():
                    fail("the batch zip byte for byte", name)

        requests = downloaded.read("qbxml/requests.xml").decode("utf-8")
        request_id = re.search(r'<CustomerAddRq requestID="([^"]+)"', requests).group(1)
        response = os.path.join(work, "response.xml")
        with open(response, "w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n'
                      f'<CustomerAddRs requestID="{request_id}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">'
                      '<CustomerRet><ListID>80000001-1700000001</ListID><EditSequence>1</EditSequence><Name>Answered</Name></CustomerRet>'
                      '</CustomerAddRs>\n</QBXMLMsgsRs>\n</QBXML>\n')
        driver.find_element(By.ID, "response").send_keys(response)
        driver.find_element(By.CSS_SELECTOR, "form[data-action='/api/responses'] button").click()
        wait.until(seen.text_to_be_present_in_element((By.ID, "batch-1"), "1 answered (0 refused), 0 in doubt"))
        shot("06-response-ingested")

        driver.find_element(By.CSS_SELECTOR, "form[data-action='/api/batches/1/undo'] button").click()
        wait.until(seen.alert_is_present())
        driver.switch_to.alert.accept()
        wait.until(seen.text_to_be_present_in_element((By.TAG_NAME, "main"), "No batch yet"))
        shot("07-undone")

        for page, name in [("/from-quickbooks", "09-from-quickbooks")]:
            driver.get(base + page)
            shot(name)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
