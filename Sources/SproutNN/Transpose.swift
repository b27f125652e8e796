/// `t[j][i] = m[i][j]`: a row-major `(rows, columns)` matrix `m` into a row-major `(columns, rows)` one, in 4 x 4
/// blocks held in SIMD registers (four row loads, shuffles, four contiguous column stores), the ragged edges one
/// value at a time.
///
/// Why blocks: the plain loop's stores stride by `rows` floats, a power of two on most layers, so every eighth one
/// fell into the same L1 set (90% of its time in that store, perf on W2); eight rows at a time with scalar moves ran
/// at about one value a cycle, a quarter of the time of the libxsmm product it feeds at batch 64. The dense forward
/// (`Dense.forward`, for libxsmm) transposes its weight with it on every step.
enum Transpose {
    static func matrix(_ m: UnsafePointer<Float>, rows: Int, columns: Int, into t: UnsafeMutablePointer<Float>) {
        let blockRows = rows & ~3, blockColumns = columns & ~3
        var i = 0
        while i < blockRows {
            let r0 = UnsafeRawPointer(m + i &* columns), r1 = r0 + columns &* 4
            let r2 = r1 + columns &* 4, r3 = r2 + columns &* 4
            var j = 0
            while j < blockColumns {
                let offset = j &* 4
                let a0 = r0.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
                let a1 = r1.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
                let a2 = r2.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
                let a3 = r3.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
                let column = UnsafeMutableRawPointer(t + (j &* rows &+ i))
                let stride = rows &* 4
                column.storeBytes(of: SIMD4(a0[0], a1[0], a2[0], a3[0]), as: SIMD4<Float>.self)
                column.storeBytes(of: SIMD4(a0[1], a1[1], a2[1], a3[1]), toByteOffset: stride, as: SIMD4<Float>.self)
                column.storeBytes(of: SIMD4(a0[2], a1[2], a2[2], a3[2]), toByteOffset: stride &* 2,
                                  as: SIMD4<Float>.self)
                column.storeBytes(of: SIMD4(a0[3], a1[3], a2[3], a3[3]), toByteOffset: stride &* 3,
                                  as: SIMD4<Float>.self)
                j &+= 4
            }
            while j < columns {
                for r in 0..<4 { t[j &* rows &+ i &+ r] = m[(i &+ r) &* columns &+ j] }
                j &+= 1
            }
            i &+= 4
        }
        while i < rows {
            for j in 0..<columns { t[j &* rows &+ i] = m[i &* columns &+ j] }
            i &+= 1
        }
    }
}
