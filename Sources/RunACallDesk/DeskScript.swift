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
      element.classList.remove("ok", "bad", "busy");
      element.classList.add(bad ? "bad" : "ok");
    }
    function problem(json) {
      const error = json && json.error;
      return error ? error.message + (error.fix ? " " + error.fix : "") : "Something went wrong.";
    }
    function refused(status, json) {
      const busy = json && json.error && json.error.code === "busy";
      say(status, (busy ? "Busy: " : "") + problem(json), !busy);
      if (busy) status.classList.add("busy");
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
      if (answer.status >= 400) { refused(status, answer.json); return; }
      if (answer.json && answer.json.job) {
        const done = await follow(answer.json.job, status);
        if (done.state === "failed") { refused(status, {error: done.error}); return; }
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
    const settingsForm = document.querySelector("form[data-settings]");
    if (settingsForm) {
      const body = settingsForm.querySelector("tbody");
      const shown = value => value === null || value === undefined ? "" :
        Array.isArray(value) ? value.join(", ") :
        typeof value === "object" ? Object.keys(value).map(k => k + ": " + (value[k] === null ? "" : value[k])).join("\n") : String(value);
      const original = {};
      function nameTable(setting, found, choices, foundIn) {
        const table = document.createElement("table");
        table.className = "names"; table.setAttribute("name", setting.key); table.id = "setting-" + setting.key; table.dataset.kind = "names";
        const list = document.createElement("datalist"); list.id = "choices-" + setting.key;
        for (const choice of choices) { const o = document.createElement("option"); o.value = choice; list.appendChild(o); }
        table.appendChild(list);
        const head = table.createTHead().insertRow();
        for (const title of ["Run a Call name", "QuickBooks name", foundIn ? "In export " + foundIn : "In the export"]) {
          const th = document.createElement("th"); th.textContent = title; head.appendChild(th);
        }
        const rows = table.createTBody();
        function addRow(name, value, note) {
          const tr = rows.insertRow();
          const nameCell = tr.insertCell();
          if (name === null) {
            const input = document.createElement("input"); input.className = "name"; input.size = 20;
            input.setAttribute("aria-label", setting.key + ": a Run a Call name");
            nameCell.appendChild(input);
          } else {
            nameCell.textContent = name; nameCell.dataset.name = name;
          }
          const input = document.createElement("input"); input.className = "value"; input.size = 24; input.value = value;
          input.setAttribute("list", list.id);
          input.setAttribute("aria-label", setting.key + ": the QuickBooks name for " + (name === null ? "the name typed" : name));
          tr.insertCell().appendChild(input);
          tr.insertCell().textContent = note;
        }
        const mapped = setting.value || {};
        const seen = new Set();
        for (const name of Object.keys(mapped)) {
          seen.add(name.trim().toLowerCase());
          const hit = found.find(f => f.name.trim().toLowerCase() === name.trim().toLowerCase());
          addRow(name, mapped[name] === null ? "" : mapped[name], hit ? hit.note : "");
        }
        for (const f of found) if (!seen.has(f.name.trim().toLowerCase())) addRow(f.name, "", f.note + " (not mapped)");
        const more = document.createElement("button"); more.type = "button"; more.textContent = "Add a name";
        more.addEventListener("click", () => { addRow(null, "", ""); rows.lastElementChild.querySelector("input").focus(); });
        table.createTFoot().insertRow().insertCell().appendChild(more);
        return table;
      }
      function namesOf(table) {
        const object = {};
        for (const tr of table.tBodies[0].rows) {
          const typed = tr.querySelector("input.name");
          const name = (typed ? typed.value : tr.cells[0].dataset.name).trim();
          const value = tr.querySelector("input.value").value.trim();
          if (name && value) object[name] = value;
        }
        return object;
      }
      const valueOf = field => field.dataset.kind === "names" ? JSON.stringify(namesOf(field)) : field.value;
      function fieldFor(setting) {
        let field;
        if (setting.kind === "bool") {
          field = document.createElement("select");
          for (const v of ["true", "false"]) { const o = document.createElement("option"); o.value = o.textContent = v; field.appendChild(o); }
        } else if (setting.allowed && setting.allowed.length && setting.kind !== "formats") {
          field = document.createElement("select");
          const values = setting.kind === "optional_text" ? [""].concat(setting.allowed) : setting.allowed;
          for (const v of values) { const o = document.createElement("option"); o.value = v; o.textContent = v || "(not set)"; field.appendChild(o); }
        } else if (setting.kind === "mapping" || setting.kind === "payment_method_names") {
          field = document.createElement("textarea"); field.rows = 3; field.cols = 40;
        } else {
          field = document.createElement("input"); field.size = 32;
        }
        field.name = setting.key; field.id = "setting-" + setting.key; field.value = shown(setting.value);
        field.dataset.kind = setting.kind;
        return field;
      }
      function parsed(field) {
        if (field.dataset.kind === "names") return namesOf(field);
        const text = field.value.trim();
        switch (field.dataset.kind) {
          case "bool": return text === "true";
          case "whole_number": case "version": return text === "" ? null : Number(text);
          case "formats": return text.split(",").map(s => s.trim()).filter(s => s);
          case "mapping": case "payment_method_names": {
            const object = {};
            for (const line of text.split("\n")) {
              const at = line.lastIndexOf(":");
              if (!line.trim()) continue;
              const name = (at < 0 ? line : line.slice(0, at)).trim(), value = at < 0 ? "" : line.slice(at + 1).trim();
              object[name] = value === "" ? null : value;
            }
            return object;
          }
          default: return text === "" ? null : text;
        }
      }
      async function render() {
        const answer = await fetch("/api/settings", {credentials: "same-origin"});
        const json = await answer.json();
        body.textContent = "";
        for (const setting of json.settings || []) {
          const tr = document.createElement("tr");
          tr.id = "row-" + setting.key;
          const label = document.createElement("th");
          const l = document.createElement("label"); l.htmlFor = "setting-" + setting.key; l.textContent = setting.key; label.appendChild(l);
          const valueCell = document.createElement("td");
          const found = json.found && json.found[setting.key];
          const field = found ? nameTable(setting, found, (json.choices && json.choices[setting.key]) || [], json.found_in) : fieldFor(setting);
          original[setting.key] = valueOf(field);
          valueCell.appendChild(field);
          const problem = document.createElement("div"); problem.className = "bad problem"; valueCell.appendChild(problem);
          const recommended = document.createElement("td"); recommended.textContent = shown(setting.default);
          const help = document.createElement("td");
          help.textContent = setting.help.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1").replace(/`/g, "");
          tr.append(label, valueCell, recommended, help);
          body.appendChild(tr);
        }
        if (json.errors) say(settingsForm.querySelector(".status"), json.errors.map(e => e.message).join(" "), true);
      }
      settingsForm.addEventListener("submit", async event => {
        event.preventDefault();
        const status = settingsForm.querySelector(".status");
        for (const p of settingsForm.querySelectorAll(".problem")) p.textContent = "";
        const changes = {};
        for (const field of settingsForm.querySelectorAll("[name]")) {
          const key = field.getAttribute("name");
          if (valueOf(field) !== original[key]) changes[key] = parsed(field);
        }
        if (!Object.keys(changes).length) { say(status, "Nothing changed."); return; }
        const answer = await send("PUT", "/api/settings", JSON.stringify({changes}), "application/json");
        if (answer.status === 200) { await render(); say(status, "Saved."); return; }
        const errors = (answer.json && answer.json.errors) || [];
        for (const error of errors) {
          const row = error.key && document.getElementById("row-" + error.key);
          const text = error.message + (error.allowed && error.allowed.length ? " Allowed: " + error.allowed.join(", ") : "");
          if (row) row.querySelector(".problem").textContent = text; else say(status, text, true);
        }
        say(status, "Not saved: the file is as it was.", true);
        const first = Array.from(settingsForm.querySelectorAll(".problem")).find(p => p.textContent);
        if (first) {
          first.closest("tr").scrollIntoView({block: "center"});
          const field = first.closest("td").querySelector("input, select, textarea");
          if (field) field.focus({preventScroll: true});
        }
      });
      render();
    }
    const live = document.querySelector("table[data-live]");
    if (live) {
      setInterval(async () => {
        const answer = await fetch(live.dataset.live, {credentials: "same-origin"});
        if (!answer.ok) return;
        const json = await answer.json();
        for (const batch of json.batches || []) {
          const cell = document.querySelector("#batch-" + batch.batch + " .queue");
          if (cell) cell.textContent = batch.answered + " answered (" + batch.refused + " refused), " + batch.in_doubt + " in doubt, "
            + batch.waiting + " waiting, of " + batch.requests;
        }
      }, 2000);
    }
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
