/**
 * "Skip to content": the first focusable element of the window, visible only when focused, so a keyboard user
 * jumps past the navigation to the page. Mount it first inside the shell and give <main> the id it targets
 * (`<main id="content" tabIndex={-1}>`); it moves the focus there without changing the hash route.
 */
export function SkipLink({ target = 'content' }: { target?: string }) {
  return (
    <a
      className="skip-link"
      href={`#${target}`}
      onClick={(e) => {
        const main = document.getElementById(target)
        if (!main) return
        e.preventDefault()
        if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1')
        main.focus()
        main.scrollIntoView()
      }}
    >
      Skip to content
    </a>
  )
}
