import Foundation
import GRDB
import GRDBSQLite

/// The columns of the row a statement is on, read from SQLite directly, by position.
///
/// GRDB's `row[i]` makes each string with `String(cString:)`: a `strlen` and a validation,
/// about 370 instructions a column, most of the cost of decoding a row. SQLite knows each
/// value's length. The subscripts mirror the ones of GRDB's `Row` that the decoders use, so a
/// decoder reads the same either way; a test reads every column both ways.
struct Columns {
    let statement: SQLiteStatement

    subscript(_ index: Int) -> String? {
        let column = Int32(index)
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }

    /// A column that is never `NULL` (the schema says so); an empty string if it is.
    subscript(_ index: Int) -> String {
        self[index] as String? ?? ""
    }

    subscript(_ index: Int) -> Int? {
        isNull(index) ? nil : Int(sqlite3_column_int64(statement, Int32(index)))
    }

    subscript(_ index: Int) -> Int {
        Int(sqlite3_column_int64(statement, Int32(index)))
    }

    subscript(_ index: Int) -> Double? {
        isNull(index) ? nil : sqlite3_column_double(statement, Int32(index))
    }

    subscript(_ index: Int) -> Bool {
        sqlite3_column_int64(statement, Int32(index)) != 0
    }

    /// The case whose raw value the column holds, found from its bytes without making a
    /// string of them (`init(rawValue:)` on a new string cost ~1,000 instructions a column);
    /// `nil` for `NULL` or any other text.
    func value<Value: RawRepresentable & CaseIterable>(_ index: Int, as _: Value.Type = Value.self) -> Value? where Value.RawValue == String {
        let column = Int32(index)
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        for candidate in Value.allCases {
            var raw = candidate.rawValue
            // Lengths first, then the bytes (`elementsEqual` walked them one at a time).
            if raw.withUTF8({ $0.count == count && (count == 0 || memcmp($0.baseAddress!, text, count) == 0) }) {
                return candidate
            }
        }
        return nil
    }

    func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(statement, Int32(index)) == SQLITE_NULL
    }
}

extension Ledger.Transaction {
    /// ``fetch(_:arguments:_:)`` with each row's ``Columns``: for the queries that read many rows.
    func fetchColumns<T>(_ sql: String, arguments: StatementArguments = [], _ decode: (Columns) throws -> T) throws -> [T] {
        var decoded: [T] = []
        try forEachRow(sql, arguments: arguments) { decoded.append(try decode($0)) }
        return decoded
    }

    /// Hands `body` each row's ``Columns`` as SQLite steps to it, keeping none.
    func forEachRow(_ sql: String, arguments: StatementArguments = [], _ body: (Columns) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        let columns = Columns(statement: statement.sqliteStatement)
        while try rows.next() != nil { try body(columns) }
    }
}
