"""Self-check questions with immediate feedback.

    quiz.question(
        "Which update is gradient descent?",
        {"w ← w − α ∂J/∂w": "Right: step against the gradient, downhill.",
         "w ← w + α ∂J/∂w": "That climbs the cost: gradient ascent."},
        answer="w ← w − α ∂J/∂w",
    )

Picking an option shows at once whether it is right and why.
"""

import ipywidgets


class Question:
    """A multiple-choice question: the prompt, the options and a feedback line."""

    def __init__(self, prompt, options, answer):
        if answer not in options:
            raise ValueError(f"answer must be one of the options {list(options)}; got {answer!r}")
        self.prompt = prompt
        self.options = dict(options)
        self.answer = answer
        self.choice = ipywidgets.RadioButtons(options=list(options), value=None,
                                              layout=ipywidgets.Layout(width="max-content"))
        self.feedback = ipywidgets.HTML()
        self.choice.observe(self._on_choice, names="value")

    def _on_choice(self, change):
        picked = change["new"]
        if picked is None:
            self.feedback.value = ""
            return
        mark = "✓ Right." if picked == self.answer else "✗ Not quite."
        self.feedback.value = f"<b>{mark}</b> {self.options[picked]}"

    @property
    def correct(self):
        """True when the chosen option is the answer."""
        return self.choice.value == self.answer

    @property
    def widget(self):
        """The prompt, the options and the feedback in one box."""
        return ipywidgets.VBox([ipywidgets.HTML(f"<b>{self.prompt}</b>"), self.choice,
                                self.feedback])

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"Self-check: {self.prompt}"
        return bundle


def question(prompt, options, answer):
    """Return a Question; ``options`` maps each choice to the explanation shown for it."""
    return Question(prompt, options, answer)
