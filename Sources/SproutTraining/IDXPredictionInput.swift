import Foundation
import SproutDataFiles
import SproutRuns

/// An IDX images file (for a model trained on IDX images) as rows for `Predictor`: the header checked by
/// `IDXFormat` (magic, and the file's size against the count it declares), the image size against the model's, then
/// images read `Predictor.batchRows` at a time, each pixel `Float(byte) / Float(scale)` as training read them.
package struct IDXPredictionInput {
    let path: String

    package init(path: String) { self.path = path }

    private func failure(_ message: String) -> PredictionInputError { PredictionInputError(description: message) }

    package func run(_ predictor: Predictor) throws {
        guard let image = predictor.description.input.image else {
            throw failure("\(path): the model was not trained on IDX images; give a CSV file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw failure("cannot read \(path): it cannot be opened") }
        defer { try? handle.close() }
        let shape: (count: Int, rows: Int, columns: Int)
        do {
            let size = Int(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
            let header = [UInt8](try handle.read(upToCount: IDXFormat.imagesHeaderSize) ?? Data())
            shape = try IDXFormat.imagesShape(header: header, fileSize: size, name: path)
        } catch let error as IDXFormat.Failure {
            throw failure(error.message)
        } catch {
            throw failure("cannot read \(path): \(RunError.reason(error))")
        }
        guard shape.rows == image.rows, shape.columns == image.columns else {
            throw failure("\(path) holds \(shape.rows)×\(shape.columns) images, but the model reads \(image.rows)×\(image.columns)")
        }
        try predictor.start()
        let pixels = image.rows * image.columns, divisor = Float(image.scale)
        var done = 0
        while done < shape.count {
            let count = min(Predictor.batchRows, shape.count - done)
            let bytes = try readImages(handle, bytes: count * pixels)
            for index in 0..<count {
                try predictor.appendRow { row in
                    for j in 0..<pixels { row[j] = Float(bytes[index * pixels + j]) / divisor }
                }
            }
            done += count
        }
        try predictor.finish()
    }

    private func readImages(_ handle: FileHandle, bytes count: Int) throws -> [UInt8] {
        do {
            let data = try handle.read(upToCount: count) ?? Data()
            guard data.count == count else { throw failure("\(path) ended early: it shrank while being read") }
            return [UInt8](data)
        } catch let error as PredictionInputError {
            throw error
        } catch {
            throw failure("cannot read \(path): \(RunError.reason(error))")
        }
    }
}
