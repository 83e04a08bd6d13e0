import "server-only";
import bcrypt from "bcryptjs";

// bcrypt, cost 10: ~50 ms per check on this hardware; slows guessing without slowing sign-in.
const COST = 10;

export const hashPassword = (password: string) => bcrypt.hash(password, COST);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);
