// The one toaster every screen sends its "Saved" and "Signed in" notes to.
export const TOASTER = "app-toaster";
