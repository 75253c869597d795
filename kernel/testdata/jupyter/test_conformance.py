"""Jupyter's own kernel conformance suite (Debian python3-jupyter-kernel-test)
run against the installed "lingo" kernel. Run with /usr/bin/python3."""
import unittest

import jupyter_kernel_test as jkt


class LingoConformance(jkt.KernelTests):
    kernel_name = "lingo"
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'fmt.Println("hello, world")'
    code_stderr = 'fmt.Fprintln(os.Stderr, "to stderr")'

    completion_samples = [
        {"text": "strings.ToTi", "matches": {"ToTitle", "ToTitleSpecial"}},
        {"text": "fmt.Sprin", "matches": {"Sprint", "Sprintf", "Sprintln"}},
    ]
    complete_code_samples = ["x := 1", 'fmt.Println("ok")', "func f() int { return 1 }"]
    incomplete_code_samples = ["func f() {", "xs := []int{1,", 'fmt.Println("a",']
    invalid_code_samples = ["x := )", "}", "x := )(", "}{"]  # the last two: issue 27 item 10

    code_generate_error = 'panic("boom")'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": 'strings.ToUpper("go")', "result": "GO"},
    ]
    code_display_data = [
        {"code": 'plots.Display(plots.Bundle{"text/plain": "hi", "text/html": "<b>hi</b>"})', "mime": "text/html"},
        {"code": 'plots.Display(plots.Bundle{"text/plain": "svg", "image/svg+xml": "<svg xmlns=\'http://www.w3.org/2000/svg\'/>"})', "mime": "image/svg+xml"},
    ]
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "strings.ToUpper"
    code_clear_output = "plots.Clear(false)"


if __name__ == "__main__":
    unittest.main()
