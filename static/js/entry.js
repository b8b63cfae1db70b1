/* The entry form and the children grid: live preview, autosave as the user leaves a row, drafts kept on
 * this machine until the server has them. Written here, no library.
 *
 * Nothing is judged here. The preview asks the server's rule (/so-lieu/kiem-tra/, the same function the
 * save, the API and the Excel import use). A row is saved when the user leaves it (/so-lieu/luu-tu-dong/,
 * through indicators.services.record_value, which checks the writer's role and the version the form
 * read): a bad figure is marked on its own row, red, with the server's message, and only blocks
 * submitting; a figure someone else changed meanwhile is shown, never overwritten unless the user
 * chooses to. Until the server confirms a row, what was typed is kept in localStorage, so a closed
 * tab, a crash or a dropped connection loses nothing: the next visit puts it back and saves it.
 */
(function () {
  function T(k) { return window.uiText ? window.uiText(k) : k; }
  var FIELDS = ["numerator", "denominator"];

  function csrf(form) {
    var el = form.querySelector("[name=csrfmiddlewaretoken]");
    return el ? el.value : "";
  }

  function setup(form) {
    var checkUrl = form.getAttribute("data-check-url");
    var saveUrl = form.getAttribute("data-autosave-url");
    var period = form.getAttribute("data-period");
    var status = form.querySelector("[data-autosave-status]");
    var pending = [];
    var bad = {};

    function setStatus(text, isError) {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle("field-error", !!isError);
    }

    function badCount() { return Object.keys(bad).length; }

    function showBadCount() {
      var n = badCount();
      if (n) setStatus(n + " " + T("cells_with_errors"), true);
    }

    form.querySelectorAll("tr[data-indicator]").forEach(function (row) {
      var out = row.querySelector("output[data-live]");
      var num = row.querySelector("[name^='n-']");
      var den = row.querySelector("[name^='d-']");
      var note = row.querySelector("[name^='note-']");
      var ok = row.querySelector("[name^='ok-']");
      var ver = row.querySelector("[name^='ver-']");
      var rowStatus = row.querySelector(".row-status");
      if (!out || !num || num.disabled || num.readOnly) return;
      var key = "kpi-draft:" + period + ":" + row.getAttribute("data-unit") + ":" + row.getAttribute("data-indicator");
      var inputs = { numerator: num, denominator: den };
      var timer = null, asked = 0, dirty = false, saving = null;

      function mark(field, message) {
        FIELDS.forEach(function (name) {
          var el = inputs[name];
          if (el && el.tagName === "INPUT") el.classList.toggle("invalid", name === field);
        });
        if (field) {
          bad[key] = true;
          row.classList.add("has-error");
          if (rowStatus) { rowStatus.textContent = message; rowStatus.className = "row-status field-error"; rowStatus.setAttribute("role", "alert"); }
        } else {
          delete bad[key];
          row.classList.remove("has-error");
          if (rowStatus && rowStatus.classList.contains("field-error")) { rowStatus.textContent = ""; rowStatus.className = "row-status small muted"; rowStatus.removeAttribute("role"); }
        }
      }

      function show(text, field) {
        out.textContent = text;
        out.classList.toggle("field-error", !!field);
      }

      function check() {
        var mine = ++asked;
        var query = "?indicator=" + encodeURIComponent(row.getAttribute("data-indicator")) +
          "&n=" + encodeURIComponent(num.value) + (den ? "&d=" + encodeURIComponent(den.value) : "");
        fetch(checkUrl + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) {
            if (!r.ok) throw new Error(String(r.status));
            return r.json();
          })
          .then(function (data) {
            if (mine !== asked) return; // a later keystroke has been sent meanwhile
            if (data.ok) show(data.text, null);
            else show(data.message, data.field === "denominator" ? "denominator" : "numerator");
          })
          .catch(function () {
            if (mine === asked) show("—", null); // no answer: the save still checks everything
          });
      }

      function later() {
        clearTimeout(timer);
        timer = setTimeout(check, 250);
      }

      function current() {
        return { n: num.value, d: den ? den.value : "", note: note ? note.value : "", ok: ok ? ok.checked : false,
                 ver: ver ? ver.value : "" };
      }

      function stash() {
        if (!saveUrl) return;
        try { localStorage.setItem(key, JSON.stringify(current())); } catch (e) { /* storage full or off */ }
      }

      function unstash() {
        try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
      }

      function conflict(data) {
        var c = data.conflict;
        var box = row.querySelector(".conflict-live");
        if (!box) {
          box = document.createElement("div");
          box.className = "field-error conflict conflict-live";
          box.setAttribute("role", "alert");
          (rowStatus || num).parentNode.insertBefore(box, rowStatus ? rowStatus.nextSibling : null);
        }
        box.textContent = T("changed_by_other") + " " + (c.d ? c.n + "/" + c.d : c.n) + " (" + c.text + ")" +
          (c.by ? " – " + c.by : "") + (c.at ? ", " + c.at : "") + ". ";
        var useTheirs = document.createElement("button");
        useTheirs.type = "button";
        useTheirs.className = "btn btn-small";
        useTheirs.textContent = T("use_current");
        useTheirs.addEventListener("click", function () {
          num.value = c.n; if (den) den.value = c.d; if (note) note.value = c.note || "";
          ver.value = c.version; dirty = false; unstash(); box.remove(); check();
        });
        var keepMine = document.createElement("button");
        keepMine.type = "button";
        keepMine.className = "btn btn-small";
        keepMine.textContent = T("keep_mine");
        keepMine.addEventListener("click", function () {
          ver.value = c.version; dirty = true; box.remove(); save();
        });
        box.appendChild(useTheirs);
        box.appendChild(document.createTextNode(" "));
        box.appendChild(keepMine);
        bad[key] = true;
      }

      function save(keepalive) {
        if (!saveUrl || !dirty) return Promise.resolve();
        if (saving) return saving.then(function () { return save(keepalive); });
        var sent = current();
        var body = new FormData();
        body.append("csrfmiddlewaretoken", csrf(form));
        body.append("period", period);
        body.append("unit", row.getAttribute("data-unit"));
        body.append("indicator", row.getAttribute("data-indicator"));
        body.append("n", sent.n); body.append("d", sent.d); body.append("note", sent.note);
        body.append("ver", sent.ver);
        if (sent.ok) body.append("ok", "1");
        dirty = false;
        setStatus(T("saving"), false);
        saving = fetch(saveUrl, { method: "POST", body: body, credentials: "same-origin", keepalive: !!keepalive,
                                  headers: { Accept: "application/json", "X-CSRFToken": csrf(form) } })
          .then(function (r) { return r.json().then(function (data) { return { status: r.status, data: data }; }); })
          .then(function (res) {
            var data = res.data;
            if (res.status === 200 && data.ok) {
              if (data.version !== "" && data.version !== undefined) ver.value = data.version;
              var same = JSON.stringify(current()) === JSON.stringify(Object.assign(sent, { ver: ver.value }));
              if (same) unstash(); else { dirty = true; stash(); }
              mark(null);
              var gone = row.querySelector(".conflict-live"); if (gone) gone.remove();
              if (data.text) show(data.text, null);
              if (data.saved_at) {
                if (rowStatus) rowStatus.textContent = T("saved_at") + " " + data.saved_at;
                setStatus(T("saved_at") + " " + data.saved_at, false);
              }
              showBadCount();
            } else if (res.status === 409 && data.conflict) {
              conflict(data); stash(); showBadCount();
            } else {
              mark(data.field === "denominator" ? "denominator" : (data.field ? "numerator" : "numerator"),
                   data.message || T("invalid"));
              showBadCount();
            }
          })
          .catch(function () {
            dirty = true;
            setStatus(T("not_saved"), true);
          })
          .then(function () { saving = null; });
        pending.push(saving);
        return saving;
      }

      [num, den, note].forEach(function (el) {
        if (!el) return;
        el.addEventListener("input", function () {
          dirty = true;
          stash();
          if (el !== note) later();
        });
        el.addEventListener("change", function () {
          dirty = true;
          stash();
          if (el.tagName === "SELECT") { later(); save(); }
        });
      });
      if (ok) ok.addEventListener("change", function () { dirty = true; stash(); save(); });
      // Leaving the row (not moving from the numerator to the denominator of the same row) saves it.
      row.addEventListener("focusout", function () {
        setTimeout(function () {
          if (!row.contains(document.activeElement)) save();
        }, 0);
      });
      row._save = function (keepalive) { return save(keepalive); };
      row._dirty = function () { return dirty; };

      // What was typed before a closed tab or a crash: put it back and save it, if nobody changed the figure.
      if (saveUrl) {
        var kept = null;
        try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
        if (kept) {
          var now = current();
          var differs = kept.n !== now.n || kept.d !== now.d || kept.note !== now.note || kept.ok !== now.ok;
          if (differs && String(kept.ver) === String(now.ver)) {
            num.value = kept.n; if (den) den.value = kept.d; if (note) note.value = kept.note;
            if (ok) ok.checked = kept.ok;
            dirty = true;
            check();
            save().then(function () { setStatus(T("restored") + " " + (status ? status.textContent : ""), false); });
          } else {
            unstash();
          }
        }
      }
      // A refused form comes back with what was typed: preview that, not the stored value.
      if (row.classList.contains("has-error")) check();
    });

    // Leaving the page: send what is not saved yet (the draft also stays in localStorage).
    window.addEventListener("pagehide", function () {
      form.querySelectorAll("tr[data-indicator]").forEach(function (row) {
        if (row._dirty && row._dirty()) row._save(true);
      });
    });

    // Submitting waits for the rows being saved, and is refused while a cell is wrong.
    form.addEventListener("submit", function (ev) {
      var submitter = ev.submitter;
      if (submitter && submitter.value === "submit" && badCount()) {
        ev.preventDefault();
        setStatus(T("fix_before_submit"), true);
        var first = form.querySelector("input.invalid, .conflict-live");
        if (first) first.scrollIntoView({ block: "center" });
        if (first && first.focus) first.focus();
        return;
      }
      // Rows typed but not saved yet (the focus went straight to the button) are saved first.
      form.querySelectorAll("tr[data-indicator]").forEach(function (row) {
        if (row._dirty && row._dirty()) row._save();
      });
      var busy = pending.filter(Boolean);
      if (!busy.length || form._flushed) return;
      ev.preventDefault();
      Promise.all(busy).then(function () {
        form._flushed = true;
        if (submitter && submitter.name) {
          var hidden = document.createElement("input");
          hidden.type = "hidden"; hidden.name = submitter.name; hidden.value = submitter.value;
          form.appendChild(hidden);
        }
        form.submit();
      });
    });
  }

  document.querySelectorAll("form[data-check-url]").forEach(setup);
})();
