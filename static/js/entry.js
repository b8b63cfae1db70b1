/* Live rate beside each percent row: reads figures the Vietnamese way (1.937 / 22,5). Written here, no library. */
(function () {
  function parse(text) {
    text = (text || "").replace(/\s/g, "");
    if (!text) return null;
    if (text.indexOf(",") >= 0) text = text.replace(/\./g, "").replace(",", ".");
    else if (/^\d{1,3}(\.\d{3})+$/.test(text)) text = text.replace(/\./g, "");
    var n = Number(text);
    return isFinite(n) ? n : NaN;
  }
  function fmt(n, decimals) {
    var parts = n.toFixed(decimals).split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return parts.join(",");
  }
  function update(row) {
    var out = row.querySelector("output[data-live]");
    var num = row.querySelector("input[name^='n-']");
    var den = row.querySelector("input[name^='d-']");
    if (!out || !num || !den) return;
    var a = parse(num.value), b = parse(den.value);
    if (a === null || b === null) { out.textContent = "—"; return; }
    if (isNaN(a) || isNaN(b)) { out.textContent = "không phải số"; return; }
    if (b === 0) { out.textContent = a === 0 ? "không phát sinh" : "mẫu số bằng 0"; return; }
    if (a > b) { out.textContent = "tử số > mẫu số"; return; }
    out.textContent = fmt(100 * a / b, parseInt(row.dataset.decimals || "2", 10)) + "%";
  }
  document.querySelectorAll("tr[data-measure='percent']").forEach(function (row) {
    row.querySelectorAll("input[type=text]").forEach(function (input) {
      input.addEventListener("input", function () { update(row); });
    });
  });
})();
