import BangoReport

/// The report for an auditor: one self-contained HTML file (no network: inline CSS,
/// SVG charts and a few lines of script that sort tables), masked values only, laid
/// out to print.
enum StoreReportHTML {
    static let listed = 1000

    static func render(_ report: StoreReport) -> String {
        let run = report.run
        let all = report.byConfidence
        var body: [String] = []
        body.append("<h1>bango audit report — run \(run.id)</h1>")
        body.append(
            "<p class=\"meta\">\(escape(run.started)) to \(escape(run.ended ?? "-")) · status \(escape(run.status.rawValue)) · bango \(escape(run.version))<br>roots: \(run.roots.map(escape).joined(separator: ", "))</p>"
        )
        body.append("<section class=\"cards\">")
        body.append(card("Findings", all.total, id: "total-findings"))
        body.append(card("High", all.high, id: "total-high"))
        body.append(card("Medium", all.medium, id: "total-medium"))
        body.append(card("Low", all.low, id: "total-low"))
        body.append(card("New", report.new, id: "total-new"))
        body.append(card("Persisting", report.persisting, id: "total-persisting"))
        body.append(card("Resolved", report.resolved, id: "total-resolved"))
        body.append(card("Files scanned", run.scannedFiles, id: "total-files"))
        body.append(card("Skipped / failed", run.skipped + run.failed, id: "total-problems"))
        body.append("</section>")
        body.append(
            "<p>"
                + (report.since.map { "Changes are relative to run \($0)." }
                    ?? "The first run on these roots: every finding is new.") + "</p>")
        body.append("<h2>Findings by detector</h2>")
        body.append(HTMLChart.bars(report.byDetector.prefix(20).map { ($0.name, $0.total) }, label: "by detector"))
        body.append(tallyTable(report.byDetector, title: "Detector"))
        body.append("<h2>Top folders</h2>")
        body.append(HTMLChart.bars(report.byFolder.prefix(10).map { ($0.name, $0.total) }, label: "by folder"))
        body.append(tallyTable(report.byFolder, title: "Folder"))
        body.append("<h2>Top owners</h2>")
        body.append(tallyTable(report.byOwner, title: "Owner"))
        if report.trend.count > 1 {
            body.append("<h2>Trend over runs</h2>")
            body.append(HTMLChart.line(report.trend.map { ("run \($0.run)", $0.findings) }, label: "findings per run"))
        }
        for change in [StoreReport.Item.Change.new, .resolved, .persisting] {
            let items = report.items.filter { $0.change == change }
            body.append("<h2>\(change.rawValue.capitalized) findings (\(items.count))</h2>")
            body.append(itemTable(Array(items.prefix(listed)), id: "items-\(change.rawValue)"))
            if items.count > listed {
                body.append(
                    "<p class=\"note\">\(items.count - listed) more are not listed: <code>bango report --format csv</code> lists every one.</p>"
                )
            }
        }
        body.append("<h2>Not scanned, or not in full (\(report.problems.count))</h2>")
        body.append(problemTable(report.problems))
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>bango audit report — run \(run.id)</title>
            <style>\(style)</style></head>
            <body>
            \(body.joined(separator: "\n"))
            <script>\(script)</script>
            </body></html>

            """
    }

    private static func card(_ title: String, _ value: Int, id: String) -> String {
        "<div class=\"card\"><div class=\"label\">\(title)</div><div class=\"value\" id=\"\(id)\">\(value)</div></div>"
    }

    private static func tallyTable(_ tallies: [StoreReport.Tally], title: String) -> String {
        let rows = tallies.map {
            "<tr><td>\(escape($0.name))</td><td class=\"n\">\($0.total)</td><td class=\"n\">\($0.high)</td><td class=\"n\">\($0.medium)</td><td class=\"n\">\($0.low)</td></tr>"
        }
        return table(headers: [title, "Total", "High", "Medium", "Low"], numeric: [1, 2, 3, 4], rows: rows)
    }

    private static func itemTable(_ items: [StoreReport.Item], id: String) -> String {
        let rows = items.map { item in
            let place = item.path + (item.member.map { "!/" + $0 } ?? "")
            return "<tr><td>\(escape(place))</td><td class=\"n\">\(item.line)</td><td class=\"n\">\(item.column)</td>"
                + "<td>\(escape(item.location ?? ""))</td><td>\(escape(item.detector))</td><td>\(escape(item.confidence))</td>"
                + "<td><code>\(escape(item.masked))</code></td></tr>"
        }
        return table(
            headers: ["Path", "Line", "Column", "Location", "Detector", "Confidence", "Value (masked)"],
            numeric: [1, 2], rows: rows, id: id)
    }

    private static func problemTable(_ problems: [StoreReport.Problem]) -> String {
        let rows = problems.map { problem in
            let place = problem.path + (problem.member.map { "!/" + $0 } ?? "")
            return "<tr><td>\(escape(place))</td><td>\(escape(problem.status))</td><td>\(escape(problem.reason))</td>"
                + "<td>\(escape(problem.detail ?? ""))</td></tr>"
        }
        return table(headers: ["Path", "Status", "Reason", "Detail"], numeric: [], rows: rows, id: "problems")
    }

    private static func table(headers: [String], numeric: Set<Int>, rows: [String], id: String? = nil) -> String {
        let head = headers.enumerated().map { index, title in
            "<th data-type=\"\(numeric.contains(index) ? "number" : "text")\" tabindex=\"0\">\(escape(title))</th>"
        }.joined()
        let idAttribute = id.map { " id=\"\($0)\"" } ?? ""
        let empty = rows.isEmpty ? "<tr><td colspan=\"\(headers.count)\" class=\"empty\">none</td></tr>" : ""
        return "<table class=\"sortable\"\(idAttribute)><thead><tr>\(head)</tr></thead><tbody>"
            + rows.joined(separator: "\n") + empty + "</tbody></table>"
    }

    /// Text made safe for HTML content and double-quoted attributes.
    static func escape(_ text: String) -> String { MarkupText.escape(text) }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",sans-serif;margin:2rem;color:#1b1f24;max-width:80rem}
        h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
        .meta{color:#57606a}.cards{display:flex;flex-wrap:wrap;gap:.75rem}
        .card{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .9rem;min-width:7rem}
        .card .label{font-size:.8rem;color:#57606a}.card .value{font-size:1.4rem;font-weight:600}
        table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0}
        th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top;word-break:break-all}
        th{background:#f6f8fa;cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:" ▲"}
        th[aria-sort=descending]::after{content:" ▼"}td.n{text-align:right}td.empty{color:#57606a;text-align:center}
        svg{max-width:100%;height:auto}.bar{fill:#0969da}.axis{stroke:#8c959f}.line{fill:none;stroke:#0969da;stroke-width:2}
        svg text{font-size:11px;fill:#1b1f24}.note{color:#57606a}
        @media print{body{margin:0;max-width:none}th{cursor:auto}h2{break-after:avoid}tr{break-inside:avoid}
        th[aria-sort]::after{content:""}}
        """

    /// Click (or Enter on) a header to sort its table; numbers sort as numbers.
    static let script = """
        (function(){
          function key(row,index,numeric){var text=row.cells[index]?row.cells[index].textContent:"";
            return numeric?parseFloat(text)||0:text.toLowerCase();}
          document.querySelectorAll("table.sortable").forEach(function(table){
            var headers=table.tHead.rows[0].cells;
            Array.prototype.forEach.call(headers,function(th,index){
              function sort(){var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
                if(rows.length<2)return;var numeric=th.dataset.type==="number";
                var ascending=th.getAttribute("aria-sort")!=="ascending";
                Array.prototype.forEach.call(headers,function(other){other.removeAttribute("aria-sort");});
                th.setAttribute("aria-sort",ascending?"ascending":"descending");
                rows.sort(function(a,b){var x=key(a,index,numeric),y=key(b,index,numeric);
                  return (x<y?-1:x>y?1:0)*(ascending?1:-1);});
                rows.forEach(function(row){body.appendChild(row);});}
              th.addEventListener("click",sort);
              th.addEventListener("keydown",function(event){if(event.key==="Enter")sort();});
            });
          });
          document.body.setAttribute("data-ready","1");
        })();
        """
}
