/** Posts a form with upload progress (fetch reports none) and answers the parsed JSON body. */
export function uploadWithProgress<T>(url: string, form: FormData, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as T);
      } catch (e) {
        reject(e);
      }
    };
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(form);
  });
}

export type RowError = { sheet: string; row: number; column?: string; key: string; values?: Record<string, string | number> };
