import Engine

extension Certificate {
    /// The texts of a certificate (`certificate.*`) and of the roles it names, for `tandem dialogs check`.
    public static let texts = [
        "title", "certifies", "took_part", "period", "meetings", "delivered", "measures", "evaluated", "issued",
        "signature",
    ].map { "certificate.\($0)" } + Role.textKeys

    /// The certificates as one printable page: A4 portrait, one sheet per person in their language (texts
    /// `certificate.*`), names and every other text HTML-escaped.
    public func html(localizer: Localizer) -> String {
        let sheets = holders.map { sheet($0, localizer) }.joined(separator: "\n")
        let title = localizer.text("certificate.title", holders.first?.language ?? "en")
        return """
            <!DOCTYPE html>
            <html lang="\(HTML.escape(holders.first?.language ?? "en"))"><head><meta charset="utf-8">
            <title>\(HTML.escape(title)) — \(HTML.escape(programme))</title>
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

    private func sheet(_ holder: CompletionCheck, _ localizer: Localizer) -> String {
        func say(_ key: String, _ arguments: [String: String] = [:]) -> String {
            HTML.escape(localizer.text("certificate.\(key)", holder.language, arguments))
        }
        var record = [say("meetings", [
            "count": String(holder.meetings), "total": localizer.duration(minutes: holder.minutes, holder.language),
        ])]
        record += holder.delivered.map { say("delivered", ["document": localizer.text($0, holder.language)]) }
        if holder.assessedMeasures > 0 { record.append(say("measures", ["count": String(holder.assessedMeasures)])) }
        if holder.evaluated { record.append(say("evaluated")) }
        let role = localizer.text("role.\(holder.role.rawValue)", holder.language)
        return """
            <section class="sheet" lang="\(HTML.escape(holder.language))">
            <div>
            <h1>\(say("title"))</h1>
            <p>\(say("certifies"))</p>
            <p class="name">\(HTML.escape(holder.name))</p>
            <p>\(say("took_part", ["role": role]))</p>
            <p class="programme">\(HTML.escape(localizer.text(programmeTitle, holder.language))) — \
            \(HTML.escape(programme))</p>
            <p>\(say("period", ["start": startDate.iso, "end": endDate.iso]))</p>
            <ul>
            \(record.map { "<li>\($0)</li>" }.joined(separator: "\n"))
            </ul>
            </div>
            <div class="sign"><div>\(say("issued", ["date": issued.iso]))</div><div>\(say("signature"))</div></div>
            </section>
            """
    }
}
