// Names for the sign-in jobs the backend can cancel (one per attempt).
let n = 0;
export function newJobId(kind) {
    n += 1;
    return `signin-${kind}-${Date.now()}-${n}`;
}
