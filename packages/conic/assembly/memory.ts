// Typed loads and stores at an element index from a byte address. JavaScript lays the arrays out
// in linear memory and passes their byte addresses; nothing here allocates.

@inline export function getI32(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}

@inline export function setI32(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}

@inline export function getF64(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}

@inline export function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}

@inline export function getI8(base: usize, i: i32): i32 {
  return <i32>load<i8>(base + <usize>i);
}
