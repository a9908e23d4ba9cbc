import Hummingbird

/// `/desk.js`: the little JavaScript the pages use, served from the desk
/// itself (nothing loaded from elsewhere). Every page works without it for
/// reading; with it, forms upload, jobs show their progress, and the grid pages.
enum DeskScript {
    static var response: Response {
        Response(status: .ok,
                 headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: source)))
    }

    static let source = #"""
    "use strict";
    const csrf = document.querySelector('meta[name="csrf-token"]').content;
    async function send(method, url, body, type) {
      const headers = {"X-CSRF-Token": csrf};
      if (type) headers["Content-Type"] = type;
      const answer = await fetch(url, {method, headers, body, credentials: "same-origin"});
      let json = null;
      try { json = await answer.json(); } catch (e) { json = null; }
      return {status: answer.status, json};
    }
    function say(element, text, bad) {
      element.textContent = text;
      element.className = bad ? "bad" : "ok";
    }
    function problem(json) {
      const error = json && json.error;
      return error ? error.message + (error.fix ? " " + error.fix : "") : "Something went wrong.";
    }
    async function follow(job, status) {
      for (;;) {
        const answer = await fetch("/api/jobs/" + job, {credentials: "same-origin"});
        const state = await answer.json();
        if (state.state !== "running") return state;
        say(status, state.stage + ": " + state.done + (state.total ? " of " + state.total : "") + " records");
        await new Promise(r => setTimeout(r, 300));
      }
    }
    document.addEventListener("submit", async event => {
      const form = event.target;
      if (!form.dataset.action) return;
      event.preventDefault();
      const status = form.querySelector(".status");
      if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
      say(status, "Working…");
      let body = null, type = null;
      const file = form.querySelector('input[type="file"]');
      if (file) {
        if (!file.files.length) { say(status, "Choose a file first.", true); return; }
        if (file.files.length === 1 && file.files[0].name.toLowerCase().endsWith(".zip")) {
          body = file.files[0]; type = "application/zip";
        } else if (form.dataset.raw) {
          body = file.files[0]; type = "application/xml";
        } else {
          body = new FormData();
          for (const f of file.files) body.append("files", f, f.name);
        }
      } else if (form.dataset.json) {
        body = form.dataset.json; type = "application/json";
      }
      const answer = await send(form.dataset.method || "POST", form.dataset.action, body, type);
      if (answer.status >= 400) { say(status, problem(answer.json), true); return; }
      if (answer.json && answer.json.job) {
        const done = await follow(answer.json.job, status);
        if (done.state === "failed") { say(status, problem({error: done.error}), true); return; }
        const next = form.dataset.next;
        if (next) { window.location = next.replace("{batch}", done.summary && done.summary.batch); return; }
        if (form.dataset.reload) { window.location.reload(); return; }
        say(status, "Done.");
        if (done.summary && done.summary.download) {
          const link = document.createElement("a");
          link.href = done.summary.download; link.textContent = " Download the Run a Call files";
          status.appendChild(link);
        }
        return;
      }
      if (form.dataset.next && answer.json && answer.json.id) {
        window.location = form.dataset.next.replace("{id}", answer.json.id);
        return;
      }
      if (form.dataset.reload) { window.location.reload(); return; }
      say(status, JSON.stringify(answer.json));
    });
    const grid = document.querySelector("table.grid[data-rows]");
    if (grid) {
      const filters = document.querySelector("form.filters");
      const pager = document.querySelector(".pager");
      let page = 1;
      const columns = ["status", "entity", "customer", "date", "amount", "message", "fix"];
      async function load() {
        const query = new URLSearchParams(new FormData(filters));
        query.set("page", page); query.set("per_page", 50);
        const answer = await fetch(grid.dataset.rows + "?" + query, {credentials: "same-origin"});
        const json = await answer.json();
        const body = grid.querySelector("tbody");
        body.textContent = "";
        for (const row of json.rows || []) {
          const tr = document.createElement("tr");
          for (const column of columns) {
            const td = document.createElement("td");
            if (column === "entity" && row.entity_type === "invoice") {
              const a = document.createElement("a");
              a.href = grid.dataset.preview + encodeURIComponent(row.source_id);
              a.textContent = row.entity;
              td.appendChild(a);
            } else {
              td.textContent = column === "message" && row.warning ? (row.message + " — " + row.warning) : row[column];
            }
            if (column === "status") td.className = row.status;
            if (column === "amount") td.className = "n";
            tr.appendChild(td);
          }
          body.appendChild(tr);
        }
        const pages = Math.max(1, Math.ceil((json.total || 0) / 50));
        pager.querySelector(".where").textContent = "Page " + page + " of " + pages + " (" + (json.total || 0) + " rows)";
        pager.querySelector(".previous").disabled = page <= 1;
        pager.querySelector(".next").disabled = page >= pages;
      }
      filters.addEventListener("change", () => { page = 1; load(); });
      filters.addEventListener("submit", event => { event.preventDefault(); page = 1; load(); });
      pager.querySelector(".previous").addEventListener("click", () => { page -= 1; load(); });
      pager.querySelector(".next").addEventListener("click", () => { page += 1; load(); });
      load();
    }
    """#
}
