/**
 * What an upsert does to a profile, shared by every store adapter so they agree exactly:
 * defaults for a new resident, only the patchable fields, undefined leaves a field alone.
 */
import type { Profile, ProfilePatch } from "./port.js";

const PATCHABLE = ["ward", "topics", "largeText", "followed", "awaiting"] as const;

/** The profile after `patch`: a new object; `current` is not changed. */
export function applyProfilePatch(
  userId: string,
  current: Profile | null,
  patch: ProfilePatch,
  now: number,
): Profile {
  const next: Profile = current
    ? { ...current, topics: [...current.topics] }
    : {
        userId,
        ward: null,
        topics: [],
        largeText: false,
        followed: true,
        awaiting: null,
        createdAt: now,
        updatedAt: now,
      };
  for (const key of PATCHABLE) {
    const value = patch[key];
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  next.topics = [...new Set(next.topics)];
  next.updatedAt = now;
  return next;
}
