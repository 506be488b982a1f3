import Engine

extension Certificate {
    /// The certificates as one printable page: A4 portrait, one sheet per person, names and every other text
    /// HTML-escaped.
    public var html: String {
        let sheets = holders.map(sheet).joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Certificate of satisfactory completion — \(HTML.escape(programme))</title>
            <style>
            @page{size:A4 portrait;margin:15mm}
            *{box-sizing:border-box}
            body{margin:0;font-family:Georgia,"Times New Roman",serif;color:#222}
            .sheet{width:180mm;height:267mm;margin:0 auto;padding:22mm 18mm;border:3px double #555;text-align:center;
            display:flex;flex-direction:column;justify-content:space-between;break-after:page;page-break-after:always}
            .sheet:last-child{break-after:auto;page-break-after:auto}
            h1{font-size:26pt;font-weight:normal;margin:0 0 10mm;letter-spacing:.04em}
            .name{font-size:24pt;margin:6mm 0;font-style:italic}
            .programme{font-size:15pt;margin:4mm 0}
            ul{list-style:none;padding:0;margin:8mm 0;font-size:12pt;line-height:1.6}
            .sign{display:flex;justify-content:space-between;font-size:10pt}
            .sign div{width:70mm;border-top:1px solid #555;padding-top:2mm}
            @media screen{body{background:#ddd}.sheet{background:#fff;margin:10mm auto}}
            </style></head>
            <body>
            \(sheets)
            </body></html>

            """
    }

    private func sheet(_ holder: CompletionCheck) -> String {
        var record = ["\(holder.meetings) meetings logged, \(holder.minutes / 60) h \(holder.minutes % 60) min in all"]
        record += holder.delivered.map { "\($0) delivered" }
        if holder.assessedMeasures > 0 { record.append("\(holder.assessedMeasures) measure(s) assessed for transfer") }
        if holder.evaluated { record.append("Programme evaluation given") }
        return """
            <section class="sheet">
            <div>
            <h1>Certificate of satisfactory completion</h1>
            <p>This certifies that</p>
            <p class="name">\(HTML.escape(holder.name))</p>
            <p>took part as \(HTML.escape(holder.role.rawValue)) in</p>
            <p class="programme">\(HTML.escape(programmeTitle)) — \(HTML.escape(programme))</p>
            <p>from \(startDate.iso) to \(endDate.iso), and completed it satisfactorily:</p>
            <ul>
            \(record.map { "<li>\(HTML.escape($0))</li>" }.joined(separator: "\n"))
            </ul>
            </div>
            <div class="sign"><div>Issued on \(issued.iso)</div><div>Facilitator or coordinator</div></div>
            </section>
            """
    }
}
