internal import COpenBLAS
func _blasSmoke() -> Int32 { openblas_get_num_threads() }
