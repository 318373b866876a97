// Which downloaded report file Explore is answering from, if any (its run id): the filter
// pickers deep inside the filter bar ask the file for its values instead of the data set.
import { createContext, useContext } from "react";
export const FileSource = createContext(null);
export function useFileSource() {
    return useContext(FileSource);
}
